using System.Net;
using Lyrebird.Sdp.Model;

namespace Lyrebird.Sdp.Negotiation;

/// <summary>
/// What the media layer needs to know about one stream (one m= line) of the remote side, without any SDP text:
/// where to send RTP and RTCP, whether RTCP is multiplexed, the payload map, DTMF payload type, ptime and direction.
/// Built by <see cref="OfferAnswer.ExtractStreams"/>.
/// </summary>
/// <param name="Index">The m= line's position (0-based).</param>
/// <param name="Media">The media type, e.g. <c>audio</c>.</param>
/// <param name="IsActive">False when the stream is rejected (port 0): no media flows.</param>
/// <param name="RemoteAddress">The advertised RTP address (c=), or null when it is a host name; 0.0.0.0 for an RFC 2543 hold.</param>
/// <param name="RtpPort">The advertised RTP port.</param>
/// <param name="RtcpAddress">Where RTCP goes: a=rtcp's address if given, else <paramref name="RemoteAddress"/>.</param>
/// <param name="RtcpPort">a=rtcp's port, else RTP port + 1; equal to the RTP port when RTCP is multiplexed.</param>
/// <param name="RtcpMux">RTP and RTCP share the RTP port (RFC 5761): both the offer and the answer carried a=rtcp-mux.</param>
/// <param name="Payloads">The payload map, in m= line order (the first is the preferred codec).</param>
/// <param name="TelephoneEventPayloadType">The RFC 4733 telephone-event payload type, if any.</param>
/// <param name="Ptime">a=ptime in milliseconds, if given.</param>
/// <param name="Direction">The direction as the remote side wrote it (sendonly: it sends and will not receive).</param>
public sealed record MediaStreamInfo(
    int Index,
    string Media,
    bool IsActive,
    IPAddress? RemoteAddress,
    int RtpPort,
    IPAddress? RtcpAddress,
    int RtcpPort,
    bool RtcpMux,
    ValueList<PayloadFormat> Payloads,
    int? TelephoneEventPayloadType,
    int? Ptime,
    MediaDirection Direction)
{
    /// <summary>The advertised RTP endpoint, or null when inactive or the address is not an IP literal.</summary>
    public IPEndPoint? RtpEndPoint => IsActive && RemoteAddress is not null ? new IPEndPoint(RemoteAddress, RtpPort) : null;

    /// <summary>The advertised RTCP endpoint, or null when inactive or the address is not an IP literal.</summary>
    public IPEndPoint? RtcpEndPoint => IsActive && RtcpAddress is not null ? new IPEndPoint(RtcpAddress, RtcpPort) : null;

    public PayloadFormat? GetPayload(int payloadType) => Payloads.FirstOrDefault(p => p.PayloadType == payloadType);
}
