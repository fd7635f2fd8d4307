using System.Net;
using Lyrebird.Media.Relay;

namespace Lyrebird.Media.Tests.Relay;

/// <summary>Starts a relay on loopback with a port range of its own (ranges differ per test to run in parallel).</summary>
internal static class RelayFactory
{
    private static int s_nextBase = 22000;

    public static MediaRelay Start(int pairs = 100, TimeSpan? inactivity = null, TimeProvider? time = null, int threads = 2)
    {
        int span = Math.Max(pairs * 2, 200);
        int min = Interlocked.Add(ref s_nextBase, span) - span;
        var relay = new MediaRelay(
            new MediaRelayOptions
            {
                BindAddress = IPAddress.Loopback,
                PortMin = min,
                PortMax = min + (pairs * 2) - 1,
                IoThreads = threads,
                InactivityTimeout = inactivity ?? TimeSpan.Zero,
            },
            time);
        relay.Start();
        return relay;
    }

    public static MediaRemote RemoteOf(TestPhone phone, TestPhone? rtcp = null, bool mux = false) =>
        new(phone.EndPoint, rtcp?.EndPoint, mux);

    /// <summary>Polls a condition the relay thread makes true soon (a bound for failure, not a timing assertion).</summary>
    public static void WaitUntil(Func<bool> condition)
    {
        if (!SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(5)))
        {
            Assert.Fail("The condition did not become true within 5 s.");
        }
    }
}
