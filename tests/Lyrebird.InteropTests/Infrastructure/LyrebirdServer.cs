using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Lyrebird.InteropTests.Infrastructure;

/// <summary>
/// A real <c>lyrebird serve</c> process on loopback with a temporary data folder, as a user would run it.
/// Its console output is captured so tests can assert on what it logged.
/// </summary>
public sealed class LyrebirdServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly bool _ownsDataDirectory;

    private LyrebirdServer(Process process, int sipPort, string dataDirectory, bool ownsDataDirectory)
    {
        _process = process;
        SipPort = sipPort;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
    }

    public int SipPort { get; }

    public string DataDirectory { get; }

    public IPEndPoint SipEndPoint => new(IPAddress.Loopback, SipPort);

    /// <summary>Everything the server printed so far (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="dataDirectory">An existing data folder (kept afterwards), or null for a temporary one (deleted).</param>
    /// <param name="extraArguments">More <c>serve</c> options.</param>
    /// <param name="environment">Environment variables, e.g. <c>LYREBIRD_Pbx__Registrar__MaxExpires</c>.</param>
    public static async Task<LyrebirdServer> StartAsync(string? dataDirectory = null, IEnumerable<string>? extraArguments = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var sipPort = FreePort.Get();
        var owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("lyrebird-interop-").FullName;
        var dll = Path.Combine(AppContext.BaseDirectory, "lyrebird.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[dll, "serve", "--sip", $"127.0.0.1:{sipPort}", "--data", dataDirectory,
                     "--http", $"http://127.0.0.1:{FreePort.Get()}", .. extraArguments ?? []])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new LyrebirdServer(process, sipPort, dataDirectory, owns);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Exited += (_, _) => server._ready.TrySetException(new InvalidOperationException($"lyrebird exited with {process.ExitCode}:\n{server.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await server.WaitUntilAnsweringAsync();
        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>Polls with OPTIONS over UDP until the server answers (start-up includes JIT and binding).</summary>
    private async Task WaitUntilAnsweringAsync()
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var attempt = 0;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"lyrebird exited with {_process.ExitCode}:\n{Output}");
            }

            var local = (IPEndPoint)udp.Client.LocalEndPoint!;
            var probe = Encoding.ASCII.GetBytes(
                $"OPTIONS sip:ping@127.0.0.1:{SipPort} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local.Port};branch=z9hG4bKready{attempt++}\r\n" +
                $"From: <sip:probe@127.0.0.1>;tag=ready\r\nTo: <sip:ping@127.0.0.1>\r\nCall-ID: ready-{attempt}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            await udp.SendAsync(probe, SipEndPoint);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try
            {
                var answer = await udp.ReceiveAsync(timeout.Token);
                if (Encoding.ASCII.GetString(answer.Buffer).StartsWith("SIP/2.0 200", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                // not up yet
            }
        }

        throw new TimeoutException($"lyrebird did not answer OPTIONS within 30 s:\n{Output}");
    }

    /// <summary>Stops the server with SIGTERM, as systemd or Ctrl-C would, and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            Posix.Kill(_process.Id, Posix.SigTerm);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
                throw new TimeoutException($"lyrebird did not stop within 20 s of SIGTERM:\n{Output}");
            }
        }

        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>Kills the server with SIGKILL (no clean-up at all, like a crash or the OOM killer) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            Posix.Kill(_process.Id, Posix.SigKill);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.WaitForExit(); // flushes the redirected output
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _process.Dispose();
            if (_ownsDataDirectory)
            {
                DeleteDataDirectory();
            }
        }
    }

    private void DeleteDataDirectory()
    {
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temporary folder
        }
    }
}
