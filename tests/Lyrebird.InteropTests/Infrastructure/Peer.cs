using System.Diagnostics;

namespace Lyrebird.InteropTests.Infrastructure;

/// <summary>Runs a third-party SIP peer (sipp, sipsak) to completion with a time limit.</summary>
public static class Peer
{
    public sealed record Result(int ExitCode, string Output)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}";
    }

    public static string ScenarioPath(string name) => Path.Combine(AppContext.BaseDirectory, "Scenarios", name);

    /// <param name="cancellation">Ends the program early (killed); the result then has exit code -1.</param>
    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, TimeSpan? limit = null, string? workingDirectory = null,
        CancellationToken cancellation = default)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.CreateTempSubdirectory("lyrebird-peer-").FullName,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(limit ?? TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            var why = cancellation.IsCancellationRequested ? "was stopped by the test" : "timed out";
            return new Result(-1, $"{program} {why}\n{await stdout}\n{await stderr}");
        }

        var errors = await ReadErrorFilesAsync(start.WorkingDirectory);
        return new Result(process.ExitCode, $"{await stdout}\n{await stderr}\n{errors}");
    }

    /// <summary>SIPp writes what went wrong to *_errors.log in its working directory.</summary>
    private static async Task<string> ReadErrorFilesAsync(string directory)
    {
        var text = "";
        foreach (var file in Directory.EnumerateFiles(directory, "*errors.log"))
        {
            text += await File.ReadAllTextAsync(file);
        }

        return text;
    }
}
