namespace Lyrebird.Host.Cli;

/// <summary>Process exit codes of the <c>lyrebird</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>Finished normally, including a clean shutdown on SIGINT/SIGTERM.</summary>
    public const int Success = 0;

    /// <summary>Failed at run time (e.g. data directory cannot be created, a socket cannot be bound).</summary>
    public const int Failure = 1;

    /// <summary>Bad usage: unknown option, bad syntax, or an invalid value from a flag, environment variable or
    /// configuration file.</summary>
    public const int Usage = 2;
}
