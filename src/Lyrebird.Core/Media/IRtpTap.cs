namespace Lyrebird.Core.Media;

/// <summary>
/// Receives a copy of every valid RTP packet a relay session accepts (RTCP is not tapped): the recorder's hook.
/// Called on relay threads; must copy what it needs and return at once: never block, never throw.
/// </summary>
public interface IRtpTap
{
    /// <param name="from">The leg whose phone sent the packet.</param>
    /// <param name="packet">The whole RTP packet (header and payload); valid only during the call.</param>
    /// <param name="timestamp">Arrival time in the relay's clock (<see cref="TimeProvider.GetTimestamp"/> of the
    /// anchor's time provider).</param>
    void OnRtp(MediaLeg from, ReadOnlySpan<byte> packet, long timestamp);
}
