namespace Lyrebird.Sip.Transport.Tests.TestSupport;

internal static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> holds, failing after <see cref="RecordingHandler.Deadline"/>
    /// (a hang guard for state changed by another thread, not a timing assertion).</summary>
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(RecordingHandler.Deadline);
        while (!condition())
        {
            Assert.False(deadline.IsCancellationRequested, "timed out waiting until " + what);
            await Task.Delay(5);
        }
    }
}
