using System.Diagnostics;
using System.Text;

namespace Lyrebird.InteropTests.Infrastructure;

/// <summary>
/// baresip (Debian package baresip-core) with a configuration generated in a temporary folder: one account, no audio
/// device (registration only), SIP trace on so the test can see what it sent and received.
/// </summary>
public sealed class Baresip : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _directory;

    private Baresip(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

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

    public static Baresip Start(int sipPort, string extension, string password, int registrationInterval = 3600)
    {
        var directory = Directory.CreateTempSubdirectory("lyrebird-baresip-").FullName;
        File.WriteAllText(Path.Combine(directory, "config"),
            "poll_method\tepoll\n" +
            "sip_listen\t127.0.0.1:0\n" +
            "module_path\t/usr/lib/baresip/modules\n" +
            "module\t\tg711.so\n" +
            "module_app\t\taccount.so\n" +
            "audio_player\t\tnone\n" +
            "audio_source\t\tnone\n" +
            "audio_alert\t\tnone\n");
        File.WriteAllText(Path.Combine(directory, "accounts"),
            $"<sip:{extension}@127.0.0.1:{sipPort};transport=udp>;auth_pass={password};regint={registrationInterval}\n");
        File.WriteAllText(Path.Combine(directory, "contacts"), "");

        var start = new ProcessStartInfo("baresip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-f", directory, "-s"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var baresip = new Baresip(process, directory);
        process.OutputDataReceived += (_, e) => baresip.Append(e.Data);
        process.ErrorDataReceived += (_, e) => baresip.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return baresip;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>Waits until the output contains <paramref name="text"/> at least <paramref name="times"/> times.</summary>
    public async Task<bool> WaitForAsync(string text, int times, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var count = 0;
            var output = Output;
            for (var i = output.IndexOf(text, StringComparison.Ordinal); i >= 0; i = output.IndexOf(text, i + 1, StringComparison.Ordinal))
            {
                count++;
            }

            if (count >= times)
            {
                return true;
            }

            if (_process.HasExited)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Posix.Kill(_process.Id, Posix.SigTerm);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
