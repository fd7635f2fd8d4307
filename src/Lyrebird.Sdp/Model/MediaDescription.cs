using System.Globalization;

namespace Lyrebird.Sdp.Model;

/// <summary>
/// One media description (RFC 4566 §5.14): the m= line and the i=, c=, b=, k= and a= lines that follow it.
/// Attributes keep their order; typed helpers read them on demand (SDP is parsed once per offer/answer, so this is
/// not a hot path).
/// </summary>
public sealed record MediaDescription(
    string Media,
    int Port,
    int? PortCount,
    string Protocol,
    ValueList<string> Formats)
{
    /// <summary>The i= line.</summary>
    public string? Title { get; init; }

    /// <summary>The media-level c= line; when null the session-level one applies.</summary>
    public SdpConnection? Connection { get; init; }

    public ValueList<SdpBandwidth> Bandwidths { get; init; } = ValueList<SdpBandwidth>.Empty;

    /// <summary>The k= line (obsolete, kept verbatim).</summary>
    public string? Key { get; init; }

    public ValueList<SdpAttribute> Attributes { get; init; } = ValueList<SdpAttribute>.Empty;

    /// <summary>Lines of unknown types, written back after k= and before the a= lines.</summary>
    public ValueList<SdpLine> OtherLines { get; init; } = ValueList<SdpLine>.Empty;

    /// <summary>Port 0: the stream is rejected or removed (RFC 3264 §6, §8.2).</summary>
    public bool IsRejected => Port == 0;

    public bool IsAudio => Media.Equals("audio", StringComparison.OrdinalIgnoreCase);

    /// <summary>Any RTP profile: RTP/AVP, RTP/AVPF, RTP/SAVP, RTP/SAVPF, UDP/TLS/RTP/SAVPF.</summary>
    public bool IsRtp => Protocol.Contains("RTP/", StringComparison.OrdinalIgnoreCase);

    /// <summary>An SRTP profile (RTP/SAVP, RTP/SAVPF, UDP/TLS/RTP/SAVPF). Lyrebird cannot record these.</summary>
    public bool IsSecureRtp => Protocol.Contains("SAVP", StringComparison.OrdinalIgnoreCase);

    public SdpAttribute? GetAttribute(string name) => Attributes.FirstOrDefault(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<SdpAttribute> GetAttributes(string name) => Attributes.Where(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public bool HasAttribute(string name) => GetAttribute(name) is not null;

    /// <summary>The formats that are RTP payload type numbers, in m= line order.</summary>
    public IEnumerable<int> PayloadTypes()
    {
        foreach (var f in Formats)
        {
            if (SdpNumber.TryParse(f, 0, 127, out var pt))
            {
                yield return pt;
            }
        }
    }

    /// <summary>All well-formed a=rtpmap lines, in order.</summary>
    public IEnumerable<RtpMap> RtpMaps()
    {
        foreach (var a in GetAttributes(SdpAttributeNames.RtpMap))
        {
            if (a.Value is not null && RtpMap.TryParse(a.Value, out var map))
            {
                yield return map;
            }
        }
    }

    /// <summary>The a=rtpmap for <paramref name="payloadType"/>, or null when there is none.</summary>
    public RtpMap? GetRtpMap(int payloadType) => RtpMaps().FirstOrDefault(m => m.PayloadType == payloadType);

    /// <summary>The a=rtpmap for <paramref name="payloadType"/>, else the RFC 3551 static mapping, else null.</summary>
    public RtpMap? ResolvePayloadType(int payloadType) => GetRtpMap(payloadType) ?? StaticPayloadTypes.Get(payloadType);

    /// <summary>The a=fmtp for <paramref name="format"/>, or null.</summary>
    public Fmtp? GetFmtp(string format)
    {
        foreach (var a in GetAttributes(SdpAttributeNames.Fmtp))
        {
            if (a.Value is not null && Fmtp.TryParse(a.Value, out var fmtp) && fmtp.Format == format)
            {
                return fmtp;
            }
        }

        return null;
    }

    public Fmtp? GetFmtp(int payloadType) => GetFmtp(payloadType.ToString(CultureInfo.InvariantCulture));

    /// <summary>a=ptime in milliseconds, or null.</summary>
    public int? Ptime => ReadMilliseconds(SdpAttributeNames.Ptime);

    /// <summary>a=maxptime in milliseconds, or null.</summary>
    public int? MaxPtime => ReadMilliseconds(SdpAttributeNames.MaxPtime);

    /// <summary>The direction attribute written on this m= line, or null (then the session-level one, else sendrecv).</summary>
    public MediaDirection? Direction
    {
        get
        {
            foreach (var a in Attributes)
            {
                if (a.Value is null && SdpAttributeNames.ToDirection(a.Name) is { } d)
                {
                    return d;
                }
            }

            return null;
        }
    }

    /// <summary>a=rtcp (RFC 3605), or null.</summary>
    public RtcpAttribute? Rtcp =>
        GetAttribute(SdpAttributeNames.Rtcp) is { Value: { } v } && RtcpAttribute.TryParse(v, out var rtcp) ? rtcp : null;

    /// <summary>a=rtcp-mux (RFC 5761).</summary>
    public bool HasRtcpMux => HasAttribute(SdpAttributeNames.RtcpMux);

    /// <summary>a=crypto (SDES, RFC 4568). SRTP is out of scope for Lyrebird: the attribute is only detected.</summary>
    public bool HasCrypto => HasAttribute(SdpAttributeNames.Crypto);

    /// <summary>A copy whose direction attribute is <paramref name="direction"/> (replacing any, in place; appended otherwise).</summary>
    public MediaDescription WithDirection(MediaDirection direction)
    {
        var replacement = new SdpAttribute(direction.ToAttributeName());
        var list = new List<SdpAttribute>(Attributes.Count + 1);
        var placed = false;
        foreach (var a in Attributes)
        {
            if (a.Value is null && SdpAttributeNames.ToDirection(a.Name) is not null)
            {
                if (!placed)
                {
                    list.Add(replacement);
                    placed = true;
                }

                continue;
            }

            list.Add(a);
        }

        if (!placed)
        {
            list.Add(replacement);
        }

        return this with { Attributes = list.ToValueList() };
    }

    private int? ReadMilliseconds(string name) =>
        GetAttribute(name) is { Value: { } v } && SdpNumber.TryParse(v.AsSpan().Trim(), 0, 100_000, out var ms) ? ms : null;
}
