using System.Net;
using Microsoft.Extensions.Logging;

namespace Lyrebird.Sip.Transport.Tests.TestSupport;

/// <summary>A started transport on one loopback address (port 0), with a recording handler, metrics and logger.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private Harness(SipTransportLayer transport, RecordingHandler handler, TestMetrics metrics, CapturingLogger<SipTransportLayer> logger, IPEndPoint endpoint)
    {
        Transport = transport;
        Handler = handler;
        Metrics = metrics;
        Logger = logger;
        Endpoint = endpoint;
    }

    public SipTransportLayer Transport { get; }

    public RecordingHandler Handler { get; }

    public TestMetrics Metrics { get; }

    public CapturingLogger<SipTransportLayer> Logger { get; }

    /// <summary>Where the transport listens (UDP and TCP).</summary>
    public IPEndPoint Endpoint { get; }

    public static IPAddress Loopback(string family) => family == "IPv6" ? IPAddress.IPv6Loopback : IPAddress.Loopback;

    public static async Task<Harness> StartAsync(string family, Action<SipTransportOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var address = Loopback(family);
        var options = new SipTransportOptions { Endpoints = [new IPEndPoint(address, 0).ToString()] };
        configure?.Invoke(options);
        var metrics = new TestMetrics();
        var logger = new CapturingLogger<SipTransportLayer>();
        var handler = new RecordingHandler();
        var transport = new SipTransportLayer(options, logger, metrics, timeProvider);
        await transport.StartAsync(handler);
        return new Harness(transport, handler, metrics, logger, transport.LocalEndpoints[0]);
    }

    public LogLevel HighestLogLevel() => Logger.Entries.Select(e => e.Level).DefaultIfEmpty(LogLevel.None).Where(l => l != LogLevel.None).DefaultIfEmpty(LogLevel.Trace).Max();

    public async ValueTask DisposeAsync()
    {
        await Transport.DisposeAsync();
        Metrics.Dispose();
    }
}
