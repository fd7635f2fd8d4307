using System.Globalization;
using Lyrebird.Sdp;
using Lyrebird.Sdp.Model;
using Lyrebird.Sdp.Negotiation;

namespace Lyrebird.Core.Calls;

/// <summary>
/// The SDP answer of a recorder call (RECORDING.md §2), before it is rewritten to the relay's address and ports: the
/// first active audio stream keeps only the first offered codec Lyrebird can record (PCMU, PCMA or G722, in the
/// offer's order, or the codec already being recorded when the offer still has it) plus telephone-event at its clock
/// rate; every other stream is rejected (port 0). The direction is <c>recvonly</c>, or <c>inactive</c> when the phone
/// offers <c>inactive</c> or <c>recvonly</c> (or holds the RFC 2543 way with c=0.0.0.0): Lyrebird never sends.
/// </summary>
internal static class RecorderAnswer
{
    /// <summary>The answer template, the index of the recorded stream, and whether the phone said it sends nothing now;
    /// or the error (→ 488 with a Warning).</summary>
    public static SdpResult<RecorderAnswer.Template> Build(SessionDescription offer, string? preferredCodec)
    {
        var filtered = OfferAnswer.FilterOffer(offer, SupportedCodec.Recordable);
        if (!filtered.IsOk)
        {
            return SdpResult<Template>.Fail(filtered.Error!);
        }

        var kept = filtered.Value;
        var media = new MediaDescription[kept.Media.Count];
        var chosen = -1;
        var inactive = false;
        for (var i = 0; i < media.Length; i++)
        {
            var m = kept.Media[i];
            if (m.IsRejected || chosen >= 0)
            {
                media[i] = m.IsRejected ? m : m with { Port = 0, PortCount = null };
                continue;
            }

            chosen = i;
            var direction = kept.EffectiveDirection(m);
            inactive = direction is MediaDirection.Inactive or MediaDirection.RecvOnly || kept.ConnectionFor(m)?.IsRfc2543Hold == true;
            media[i] = KeepOneCodec(m, preferredCodec).WithDirection(inactive ? MediaDirection.Inactive : MediaDirection.RecvOnly);
        }

        // Session-level direction attributes would contradict the media-level one we write.
        var attributes = kept.Attributes.Where(a => !(a.Value is null && SdpAttributeNames.ToDirection(a.Name) is not null)).ToValueList();
        var answer = kept with { Media = media.ToValueList(), Attributes = attributes };
        return SdpResult<Template>.Ok(new Template(answer, chosen, inactive));
    }

    /// <summary>The recordable codec's name ("PCMU", "PCMA", "G722") of an answer's stream.</summary>
    public static string? CodecOf(MediaDescription m)
    {
        foreach (var pt in m.PayloadTypes())
        {
            if (m.ResolvePayloadType(pt) is { } map && IsRecordable(map.EncodingName))
            {
                return map.EncodingName.ToUpperInvariant();
            }
        }

        return null;
    }

    /// <summary>The answer before the relay rewrite, the index of the recorded stream, and whether the phone sends nothing now.</summary>
    public sealed record Template(SessionDescription Answer, int Stream, bool Inactive);

    private static bool IsRecordable(string encoding) =>
        SupportedCodec.Recordable.Any(c => c.EncodingName.Equals(encoding, StringComparison.OrdinalIgnoreCase));

    private static MediaDescription KeepOneCodec(MediaDescription m, string? preferredCodec)
    {
        int? codec = null;
        var clock = 8000;
        foreach (var pt in m.PayloadTypes())
        {
            if (m.ResolvePayloadType(pt) is not { } map || !IsRecordable(map.EncodingName))
            {
                continue;
            }

            if (codec is null || (preferredCodec is not null && map.EncodingName.Equals(preferredCodec, StringComparison.OrdinalIgnoreCase)))
            {
                codec = pt;
                clock = map.ClockRate;
                if (preferredCodec is null || map.EncodingName.Equals(preferredCodec, StringComparison.OrdinalIgnoreCase))
                {
                    break;
                }
            }
        }

        int? telephoneEvent = null;
        foreach (var pt in m.PayloadTypes())
        {
            if (m.ResolvePayloadType(pt) is { } map && map.EncodingName.Equals(SupportedCodec.TelephoneEvent, StringComparison.OrdinalIgnoreCase)
                && map.ClockRate == clock)
            {
                telephoneEvent = pt;
                break;
            }
        }

        var keep = new HashSet<string>(StringComparer.Ordinal) { codec!.Value.ToString(CultureInfo.InvariantCulture) };
        if (telephoneEvent is { } te)
        {
            keep.Add(te.ToString(CultureInfo.InvariantCulture));
        }

        var attributes = m.Attributes.Where(a => !IsPayloadAttribute(a) || keep.Contains(PayloadOf(a))).ToValueList();
        return m with { Formats = m.Formats.Where(keep.Contains).ToValueList(), Attributes = attributes };
    }

    private static bool IsPayloadAttribute(SdpAttribute a) =>
        a.Value is not null && (a.Name.Equals(SdpAttributeNames.RtpMap, StringComparison.OrdinalIgnoreCase)
            || a.Name.Equals(SdpAttributeNames.Fmtp, StringComparison.OrdinalIgnoreCase)
            || a.Name.Equals(SdpAttributeNames.RtcpFeedback, StringComparison.OrdinalIgnoreCase));

    private static string PayloadOf(SdpAttribute a)
    {
        var value = a.Value!.AsSpan().TrimStart();
        var end = value.IndexOfAny(' ', '\t');
        return (end < 0 ? value : value[..end]).ToString();
    }
}
