using System.Net;

namespace Lyrebird.Media.Relay;

/// <summary>Configuration of a <see cref="MediaRelay"/>.</summary>
public sealed class MediaRelayOptions
{
    /// <summary>Local address the media sockets bind to (IPv4 or IPv6; one family per relay). Default: any IPv4.</summary>
    public IPAddress BindAddress { get; set; } = IPAddress.Any;

    /// <summary>First port of the media range. Keep the range below 32768 (the kernel's ephemeral range).</summary>
    public int PortMin { get; set; } = 10000;

    /// <summary>Last port of the media range, inclusive.</summary>
    public int PortMax { get; set; } = 20000;

    /// <summary>Dedicated relay threads (each runs its own epoll loop). Default: one per processor.</summary>
    public int IoThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// A session that received no RTP on either leg for this long is reported once through
    /// <see cref="MediaSession.Inactive"/>. <see cref="TimeSpan.Zero"/> or <see cref="Timeout.InfiniteTimeSpan"/>
    /// disables the check.
    /// </summary>
    public TimeSpan InactivityTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>SO_RCVBUF for each media socket in bytes; 0 keeps the kernel default.</summary>
    public int ReceiveBufferBytes { get; set; }

    internal MediaRelayOptions Clone() => (MediaRelayOptions)MemberwiseClone();

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(BindAddress);
        ArgumentOutOfRangeException.ThrowIfLessThan(PortMin, 1, nameof(PortMin));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PortMax, 65535, nameof(PortMax));
        ArgumentOutOfRangeException.ThrowIfLessThan(PortMax, PortMin + 1, nameof(PortMax));
        ArgumentOutOfRangeException.ThrowIfLessThan(IoThreads, 1, nameof(IoThreads));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(IoThreads, 256, nameof(IoThreads));
        ArgumentOutOfRangeException.ThrowIfNegative(ReceiveBufferBytes, nameof(ReceiveBufferBytes));
        if (BindAddress.AddressFamily is not (System.Net.Sockets.AddressFamily.InterNetwork or System.Net.Sockets.AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException("BindAddress must be an IPv4 or IPv6 address.", nameof(BindAddress));
        }
    }
}
