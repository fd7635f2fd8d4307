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

    public static Baresip Start(int sipPort, string extension, string password, int registrationInterval = 3600) =>
        Start(sipPort, extension, password, registrationInterval, withAudio: false, accountParameters: "", commands: []);

    /// <summary>A baresip phone that can make and take calls: a 440 Hz sine as microphone (ausine), the received audio
    /// written to a WAV file (aufile), the menu module for <c>/dial</c> and auto-answer
    /// (<paramref name="accountParameters"/> e.g. <c>;answermode=auto</c>), and <paramref name="commands"/> run at start (-e).</summary>
    public static Baresip Start(int sipPort, string extension, string password, int registrationInterval, bool withAudio, string accountParameters,
        IReadOnlyList<string> commands)
    {
        var directory = Directory.CreateTempSubdirectory("lyrebird-baresip-").FullName;
        var audio = withAudio
            ? "module\t\tausine.so\n" +
              "module\t\taufile.so\n" +
              "module_app\t\tmenu.so\n" +
              $"audio_player\t\taufile,{Path.Combine(directory, "received.wav")}\n" +
              "audio_source\t\tausine,440\n" +
              "ausrc_srate\t\t48000\n" + // ausine only produces 48 kHz stereo; baresip resamples to PCMU's 8 kHz mono
              "ausrc_channels\t\t2\n" +
              "auplay_srate\t\t48000\n" +
              "auplay_channels\t\t2\n" +
              "audio_alert\t\tnone\n" +
              "rtp_timeout\t\t0\n"
            : "audio_player\t\tnone\n" +
              "audio_source\t\tnone\n" +
              "audio_alert\t\tnone\n";
        File.WriteAllText(Path.Combine(directory, "config"),
            "poll_method\tepoll\n" +
            "sip_listen\t127.0.0.1:0\n" +
            "module_path\t/usr/lib/baresip/modules\n" +
            "module\t\tg711.so\n" +
            "module_app\t\taccount.so\n" +
            audio);
        File.WriteAllText(Path.Combine(directory, "accounts"),
            $"<sip:{extension}@127.0.0.1:{sipPort};transport=udp>;auth_pass={password};regint={registrationInterval}{accountParameters}\n");
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

        foreach (var command in commands)
        {
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add(command);
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
