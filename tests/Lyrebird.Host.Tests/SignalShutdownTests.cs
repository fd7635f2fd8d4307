using System.Diagnostics;
using System.Globalization;

namespace Lyrebird.Host.Tests;

/// <summary>Runs the real <c>lyrebird</c> executable and stops it with a signal, as an operator or service manager
/// would.</summary>
public sealed class SignalShutdownTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public Task Sigterm_shuts_down_cleanly_with_exit_code_0() => AssertCleanShutdownOnAsync("TERM");

    [Fact]
    public Task Sigint_shuts_down_cleanly_with_exit_code_0() => AssertCleanShutdownOnAsync("INT");

    private async Task AssertCleanShutdownOnAsync(string signal)
    {
        using var process = StartLyrebird(["serve", "--data", _temp.Combine("data"), "--sip", "127.0.0.1:0"]);
        var output = new List<string>();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.Add(e.Data);
            }

            if (e.Data.Contains("Lyrebird listening on SIP udp+tcp 127.0.0.1:", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);

        try
        {
            await listening.Task.WaitAsync(timeout.Token);
            Signal(process.Id, signal);
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal("", await errors);
        Assert.Equal(0, process.ExitCode);
        lock (output)
        {
            Assert.Contains(output, line => line.Contains("Lyrebird stopped", StringComparison.Ordinal));
        }
    }

    private static Process StartLyrebird(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };

        // A shell that starts a background job without job control makes it ignore SIGINT, and ignored signals stay
        // ignored across exec. If this test process inherited that, restore the default for the child (perl is part
        // of every Debian system) so the test checks lyrebird rather than how the tests were started.
        if (SigintIgnoredHere())
        {
            start.FileName = "perl";
            foreach (var arg in new[] { "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!", "--" })
            {
                start.ArgumentList.Add(arg);
            }

            start.ArgumentList.Add(DotnetHost());
        }
        else
        {
            start.FileName = DotnetHost();
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lyrebird.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("LYREBIRD_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start lyrebird");
    }

    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    /// <summary>Bit 1 (signal 2, SIGINT) of SigIgn in /proc/self/status.</summary>
    private static bool SigintIgnoredHere()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null
            && ulong.TryParse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)
            && (mask & 0b10) != 0;
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, pid.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("could not run kill");
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
