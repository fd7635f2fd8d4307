namespace Lyrebird.Core.Media;

/// <summary>The relay's local ports for one stream of one leg: what that leg's SDP advertises (RTP even, RTCP the next
/// odd port, RFC 3550 §11).</summary>
public readonly record struct RelayPorts(int RtpPort, int RtcpPort);
