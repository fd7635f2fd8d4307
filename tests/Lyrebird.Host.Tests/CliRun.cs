using Lyrebird.Host.Configuration;

namespace Lyrebird.Host.Tests;

internal sealed record CliRun(int ExitCode, string Out, string Error, LyrebirdSettings? Settings, LyrebirdOptions? Options)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
