namespace Lyrebird.InteropTests.Infrastructure;

/// <summary>SIPp (Debian package sip-tester) as a client playing one of our scenario files.</summary>
public static class Sipp
{
    /// <param name="scenario">File name under Scenarios/.</param>
    /// <param name="target">The server to call.</param>
    /// <param name="transport">"u1" (UDP) or "t1" (TCP, one connection).</param>
    /// <param name="calls">How many calls to place (-m).</param>
    /// <param name="service">The user part of the Request-URI / AOR ([service] in scenarios).</param>
    /// <param name="extra">More sipp arguments, e.g. -au/-ap for digest credentials.</param>
    public static Task<Peer.Result> RunAsync(string scenario, System.Net.IPEndPoint target, string transport = "u1", int calls = 1, string service = "lyrebird", IEnumerable<string>? extra = null) =>
        Peer.RunAsync("sipp",
        [
            $"{target.Address}:{target.Port}",
            "-sf", Peer.ScenarioPath(scenario),
            "-s", service,
            "-m", calls.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-t", transport,
            "-i", target.Address.ToString(),
            "-nostdin",
            "-timeout", "15s", "-timeout_error",
            "-trace_err",
            .. extra ?? [],
        ], TimeSpan.FromSeconds(30));

    /// <summary>SIPp as a user agent server on 127.0.0.1:<paramref name="port"/> (a callee phone), for one call.</summary>
    public static Task<Peer.Result> RunServerAsync(string scenario, int port, IEnumerable<string>? extra = null, TimeSpan? limit = null,
        CancellationToken cancellation = default) =>
        Peer.RunAsync("sipp",
        [
            "-sf", Peer.ScenarioPath(scenario),
            "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-i", "127.0.0.1",
            "-m", "1",
            "-t", "u1",
            "-nostdin",
            "-timeout", "45s", "-timeout_error",
            "-trace_err",
            .. extra ?? [],
        ], limit ?? TimeSpan.FromSeconds(55), cancellation: cancellation);
}
