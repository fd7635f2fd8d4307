namespace Lyrebird.Core.Media;

/// <summary>Which <see cref="IMediaAnchor"/> the PBX uses (<c>Pbx:MediaRelay</c>).</summary>
public enum MediaRelayKind
{
    /// <summary><see cref="RelayMediaAnchor"/>: Lyrebird.Media's epoll relay (Linux x86-64 only; elsewhere the PBX
    /// falls back to <see cref="Simple"/>).</summary>
    Fast = 0,

    /// <summary><see cref="SimpleUdpRelayAnchor"/>: plain async sockets, any platform.</summary>
    Simple = 1,
}
