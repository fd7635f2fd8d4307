using Microsoft.Extensions.Logging;

namespace Lyrebird.Core.Media;

/// <summary>
/// A straightforward socket relay: per leg and stream a bound UDP RTP + RTCP socket pair from the configured range,
/// an async receive loop per socket forwarding to the other leg's latched (or advertised) endpoint, symmetric
/// latching after the first valid packet, counters, and an inactivity timer.
/// </summary>
/// <remarks>
/// Correct but not optimised (thread-pool async I/O, an endpoint allocation per packet): the fallback where
/// <see cref="RelayMediaAnchor"/> cannot run, or with <c>Pbx:MediaRelay = simple</c> (see
/// <see cref="Signaling.PbxSignaling.CreateDefaultAnchor"/>).
/// </remarks>
public sealed class SimpleUdpRelayAnchor : IMediaAnchor
{
    private readonly RelayPortPool _ports;
    private readonly MediaAnchorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SimpleUdpRelayAnchor(MediaAnchorOptions options, TimeProvider time, ILogger<SimpleUdpRelayAnchor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _logger = logger;
        _ports = new RelayPortPool(options.BindAddress, options.PortLow, options.PortHigh);
    }

    public MediaAnchorOptions Options => _options;

    /// <summary>Port pairs in the range / not in use by a session (for tests and metrics).</summary>
    public int PortPairCapacity => _ports.Capacity;

    public int PortPairsAvailable => _ports.Available;

    public IMediaSession CreateSession(string name, Action<IMediaSession> onInactive) =>
        new SimpleUdpRelaySession(name, _options, _ports, _time, _logger, onInactive);
}
