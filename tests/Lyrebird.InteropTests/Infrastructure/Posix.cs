using System.Diagnostics;
using System.Globalization;

namespace Lyrebird.InteropTests.Infrastructure;

/// <summary>Signals a process the way an operator would, with the system's <c>kill</c> command.</summary>
internal static class Posix
{
    public const string SigInt = "INT";
    public const string SigTerm = "TERM";
    public const string SigKill = "KILL";

    public static void Kill(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, pid.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("could not run kill");
        kill.WaitForExit();
    }
}
