using System.Net;

namespace Lyrebird.Core.Media;

/// <summary>Settings of the media anchor, derived from <see cref="PbxOptions"/> and the SIP listen address by
/// <see cref="MediaAddresses"/>.</summary>
public sealed record MediaAnchorOptions
{
    /// <summary>Where relay sockets are bound (the SIP listen address, or any).</summary>
    public required IPAddress BindAddress { get; init; }

    /// <summary>What SDP advertises in c= lines.</summary>
    public required IPAddress AdvertisedAddress { get; init; }

    public int PortLow { get; init; } = 10000;

    public int PortHigh { get; init; } = 20000;

    /// <summary>Relay threads of <see cref="RelayMediaAnchor"/>; 0 (default) for one per processor. Not used by
    /// <see cref="SimpleUdpRelayAnchor"/>.</summary>
    public int IoThreads { get; init; }

    /// <summary>No packet on a monitored session for this long reports it inactive.</summary>
    public TimeSpan InactivityTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
