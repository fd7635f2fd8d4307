using Lyrebird.Host.Cli;

namespace Lyrebird.Host;

internal static class Program
{
    public static Task<int> Main(string[] args) => LyrebirdCli.RunAsync(args, CliContext.ForProcess());
}
