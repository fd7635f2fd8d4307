using System.Runtime.InteropServices;
using Lyrebird.Media.Relay;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lyrebird.Core.Media;

/// <summary>
/// The production media anchor: calls relayed by Lyrebird.Media's <see cref="MediaRelay"/> (dedicated epoll threads,
/// no allocation per packet). Each stream of a call is one relay <see cref="Lyrebird.Media.Relay.MediaSession"/> (both
/// legs' port pairs at once). Linux x86-64 only (<see cref="IsSupported"/>).
/// </summary>
/// <remarks>
/// The relay is started by the constructor and stopped by <see cref="Dispose"/> (which also closes every session still
/// open). The relay's clock is the anchor's <see cref="TimeProvider"/>, so tap timestamps are
/// <see cref="TimeProvider.GetTimestamp"/> values of that provider, as <see cref="IRtpTap"/> promises.
/// Inactivity is watched by the anchor's sessions (a timer from <see cref="IMediaSession.StartInactivityMonitor"/>
/// that samples the relay's packet counters), not by the relay's own sweep, which counts from session creation (a
/// ringing call has no media) and ignores RTCP (a call on hold often has only RTCP); the relay's sweep is turned off.
/// </remarks>
public sealed class RelayMediaAnchor : IMediaAnchor, IDisposable
{
    private readonly MediaRelay _relay;
    private readonly MediaAnchorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <exception cref="PlatformNotSupportedException">Not Linux x86-64 (see <see cref="IsSupported"/>).</exception>
    public RelayMediaAnchor(MediaAnchorOptions options, TimeProvider time, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var factory = loggerFactory ?? NullLoggerFactory.Instance;
        _options = options;
        _time = time;
        _logger = factory.CreateLogger<RelayMediaAnchor>();
        var relayOptions = new MediaRelayOptions
        {
            BindAddress = options.BindAddress,
            PortMin = options.PortLow,
            PortMax = options.PortHigh,
            InactivityTimeout = TimeSpan.Zero, // watched per call by RelayMediaSession (see remarks)
        };
        if (options.IoThreads > 0)
        {
            relayOptions.IoThreads = options.IoThreads;
        }

        _relay = new MediaRelay(relayOptions, time, factory.CreateLogger<MediaRelay>());
        _relay.Start();
    }

    /// <summary>Whether this process can run the relay (Linux on x86-64).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    public MediaAnchorOptions Options => _options;

    /// <summary>Port pairs in the range / not in use by a session (for tests and metrics).</summary>
    public int PortPairCapacity => _relay.Ports.Capacity;

    public int PortPairsAvailable => _relay.Ports.Available;

    /// <summary>Relay-wide counters (sessions, packets, port pool).</summary>
    public MediaRelayStatistics GetStatistics() => _relay.GetStatistics();

    public IMediaSession CreateSession(string name, Action<IMediaSession> onInactive) =>
        new RelayMediaSession(name, _relay, _options, _time, _logger, onInactive);

    /// <summary>Stops the relay threads and closes every session still open (their ports go back to the pool).</summary>
    public void Dispose() => _relay.Stop();
}
