using System.Globalization;
using System.Net;
using Lyrebird.Sdp.Model;

namespace Lyrebird.Sdp.Negotiation;

/// <summary>
/// The pure offer/answer functions a media-anchoring B2BUA needs (RFC 3264), with no state: filter an offer down to
/// what Lyrebird can record, rewrite an SDP so media flows through the relay, check an answer against its offer,
/// detect hold, and extract per-stream media information.
/// <para>
/// How a call uses them: caller's offer O1 → <see cref="FilterOffer"/> → <see cref="RewriteForRelay"/> with the
/// callee leg's <see cref="SessionOrigin"/> → O2 to the callee. Callee's answer A2 → <see cref="CheckAnswer"/>(O2, A2)
/// → <see cref="RewriteForRelay"/> with the caller leg's origin → A1 to the caller. The media layer gets
/// <see cref="ExtractStreams"/>(O1, A1) for the caller leg and <see cref="ExtractStreams"/>(A2, O2) for the callee leg.
/// Streams are never removed, only rejected with port 0, so every SDP in the chain has the offer's m= lines in the
/// same count and order (RFC 3264 §6, §8).
/// </para>
/// <para>
/// rtcp-mux policy (RFC 5761): <see cref="RewriteForRelay"/> keeps a=rtcp-mux exactly when its input has it. So O2
/// offers mux only if O1 did, the callee can accept it only then, and A1 carries it only if A2 did: mux is used on
/// both legs or on neither ("both sides use it"), and the relay never has to convert between muxed and separate
/// RTCP. An answer with a=rtcp-mux that was not offered is not used (see <see cref="ExtractStreams"/>).
/// </para>
/// </summary>
public static class OfferAnswer
{
    /// <summary>
    /// Keeps only the codecs in <paramref name="supportedCodecs"/> (in the offer's order) plus telephone-event at a
    /// kept codec's clock rate, and drops the a=rtpmap/a=fmtp/a=rtcp-fb lines of removed payload types and every
    /// a=crypto (best-effort SRTP on RTP/AVP: Lyrebird cannot record SRTP, so it must not be negotiated).
    /// Streams that cannot be kept are rejected with port 0 (RFC 3264 §6), never removed: non-audio streams,
    /// non-RTP streams, SRTP profiles (RTP/SAVP, RTP/SAVPF, UDP/TLS/RTP/SAVPF), and audio with no supported codec.
    /// Fails (→ 488 with the error as Warning text) when no active audio stream remains.
    /// </summary>
    public static SdpResult<SessionDescription> FilterOffer(SessionDescription offer, IReadOnlyList<SupportedCodec> supportedCodecs)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(supportedCodecs);
        var unsupported = new List<string>();
        var sawAudio = false;
        var sawSrtpAudio = false;
        var keptAudio = false;
        var media = new MediaDescription[offer.Media.Count];
        for (var i = 0; i < media.Length; i++)
        {
            var m = offer.Media[i];
            if (m.IsRejected)
            {
                media[i] = m;
                continue;
            }

            if (!m.IsAudio || !m.IsRtp)
            {
                media[i] = Reject(m);
                continue;
            }

            sawAudio = true;
            if (m.IsSecureRtp)
            {
                sawSrtpAudio = true;
                media[i] = Reject(m);
                continue;
            }

            var filtered = FilterStream(m, supportedCodecs, unsupported);
            keptAudio |= filtered is not null;
            media[i] = filtered ?? Reject(m);
        }

        if (!keptAudio)
        {
            if (!sawAudio)
            {
                return SdpResult<SessionDescription>.Fail(SdpErrorKind.NoAudioStream, "No audio stream in offer");
            }

            if (unsupported.Count == 0 && sawSrtpAudio)
            {
                return SdpResult<SessionDescription>.Fail(SdpErrorKind.NoCommonCodec, "No common codec: offer has only SRTP audio, which Lyrebird cannot record");
            }

            return SdpResult<SessionDescription>.Fail(SdpErrorKind.NoCommonCodec, "No common codec: offer has " + string.Join(", ", unsupported));
        }

        return SdpResult<SessionDescription>.Ok(offer with { Media = media.ToValueList() });
    }

    /// <summary>
    /// Rewrites an SDP (offer or answer) so the other side sends media to the relay, and stamps it with the leg's origin.
    /// <list type="bullet">
    /// <item>c= becomes <paramref name="relayAddress"/> at session level (added if missing) and wherever a media-level c= exists.</item>
    /// <item>Each active m= line gets <c>ports(index).RtpPort</c> and no port count; <paramref name="ports"/> is not called for rejected (port 0) lines.</item>
    /// <item>a=rtcp is removed, then written as <c>a=rtcp:&lt;RtcpPort&gt;</c> only when RtcpPort is not RtpPort + 1 (RFC 3605's default) and not the
    /// RTP port itself under rtcp-mux. a=rtcp-mux is kept exactly when the input has it (see the class comment for why that means "both sides").</item>
    /// <item>ICE attributes (candidates, ufrag/pwd, ...), a=crypto and a=group:BUNDLE are removed: the relay does none of them.</item>
    /// <item>A stream put on hold the RFC 2543 way (c=0.0.0.0) is given the equivalent direction (sendrecv → sendonly, recvonly → inactive),
    /// since its c= now carries the relay's address.</item>
    /// <item>A missing t= line becomes <c>t=0 0</c>; o= is replaced by <paramref name="origin"/>, whose version moves only when the SDP changes (RFC 3264 §8).</item>
    /// </list>
    /// </summary>
    public static SessionDescription RewriteForRelay(
        SessionDescription sdp,
        IPAddress relayAddress,
        Func<int, (int RtpPort, int RtcpPort)> ports,
        SessionOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(sdp);
        ArgumentNullException.ThrowIfNull(relayAddress);
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(origin);
        var relay = SdpConnection.For(relayAddress);
        var media = new MediaDescription[sdp.Media.Count];
        for (var i = 0; i < media.Length; i++)
        {
            var m = sdp.Media[i];
            var connection = m.Connection is null ? null : relay;
            if (m.IsRejected)
            {
                media[i] = m with { Connection = connection };
                continue;
            }

            var (rtpPort, rtcpPort) = ports(i);
            var direction = sdp.EffectiveDirection(m);
            var oldHold = sdp.ConnectionFor(m)?.IsRfc2543Hold == true;
            var mux = m.HasRtcpMux;
            var writeRtcp = rtcpPort != rtpPort + 1 && !(mux && rtcpPort == rtpPort);
            var attributes = new List<SdpAttribute>(m.Attributes.Count + 1);
            if (writeRtcp)
            {
                attributes.Add(new SdpAttribute(SdpAttributeNames.Rtcp, rtcpPort.ToString(CultureInfo.InvariantCulture)));
            }

            foreach (var a in m.Attributes)
            {
                if (IsRelayIncompatible(a) || a.Name.Equals(SdpAttributeNames.Rtcp, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                attributes.Add(a);
            }

            var rewritten = m with { Port = rtpPort, PortCount = null, Connection = connection, Attributes = attributes.ToValueList() };
            if (oldHold && direction is MediaDirection.SendRecv or MediaDirection.RecvOnly)
            {
                rewritten = rewritten.WithDirection(direction == MediaDirection.SendRecv ? MediaDirection.SendOnly : MediaDirection.Inactive);
            }

            media[i] = rewritten;
        }

        var result = sdp with
        {
            Connection = relay,
            Timings = sdp.Timings.Count == 0 ? ValueList<SdpTiming>.Of(SdpTiming.Permanent) : sdp.Timings,
            Attributes = sdp.Attributes.RemoveAll(IsRelayIncompatible),
            Media = media.ToValueList(),
        };
        return origin.Apply(result);
    }

    /// <summary>
    /// Checks an answer against the offer it answers (RFC 3264 §6): the same number of m= lines in the same order and of
    /// the same media type and protocol; a stream rejected in the offer stays rejected; every codec in an accepted
    /// stream was offered (matched by name/clock/channels, or by payload type when the answer has no a=rtpmap for it);
    /// and the direction is allowed by the offer's (sendrecv → any; sendonly → recvonly/inactive; recvonly →
    /// sendonly/inactive; inactive → inactive).
    /// </summary>
    public static SdpCheck CheckAnswer(SessionDescription offer, SessionDescription answer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(answer);
        if (offer.Media.Count != answer.Media.Count)
        {
            return SdpCheck.Fail(SdpErrorKind.AnswerMediaMismatch, $"answer has {answer.Media.Count} m= lines but the offer has {offer.Media.Count}");
        }

        for (var i = 0; i < offer.Media.Count; i++)
        {
            var o = offer.Media[i];
            var a = answer.Media[i];
            var line = i + 1;
            if (!o.Media.Equals(a.Media, StringComparison.OrdinalIgnoreCase))
            {
                return SdpCheck.Fail(SdpErrorKind.AnswerMediaMismatch, $"m= line {line}: answer media '{a.Media}' does not match offered '{o.Media}'");
            }

            if (a.IsRejected)
            {
                continue;
            }

            if (o.IsRejected)
            {
                return SdpCheck.Fail(SdpErrorKind.AnswerMediaMismatch, $"m= line {line}: the offer rejected this stream (port 0) but the answer accepts it");
            }

            if (!o.Protocol.Equals(a.Protocol, StringComparison.OrdinalIgnoreCase))
            {
                return SdpCheck.Fail(SdpErrorKind.AnswerMediaMismatch, $"m= line {line}: answer protocol '{a.Protocol}' does not match offered '{o.Protocol}'");
            }

            if (o.IsRtp)
            {
                foreach (var pt in a.PayloadTypes())
                {
                    if (!WasOffered(o, a, pt))
                    {
                        var name = a.ResolvePayloadType(pt) is { } map ? $"'{map.EncodingName}/{map.ClockRate}' (PT {pt})" : $"PT {pt}";
                        return SdpCheck.Fail(SdpErrorKind.AnswerCodecNotOffered, $"m= line {line}: answer codec {name} was not offered");
                    }
                }
            }

            var od = offer.EffectiveDirection(o);
            var ad = answer.EffectiveDirection(a);
            if (!IsAllowedAnswerDirection(od, ad))
            {
                return SdpCheck.Fail(
                    SdpErrorKind.AnswerDirectionMismatch,
                    $"m= line {line}: answer direction {ad.ToAttributeName()} is not allowed for offer direction {od.ToAttributeName()}");
            }
        }

        return SdpCheck.Ok;
    }

    /// <summary>RFC 3264 §6.1: which answer directions an offer direction allows.</summary>
    public static bool IsAllowedAnswerDirection(MediaDirection offer, MediaDirection answer) => offer switch
    {
        MediaDirection.SendRecv => true,
        MediaDirection.SendOnly => answer is MediaDirection.RecvOnly or MediaDirection.Inactive,
        MediaDirection.RecvOnly => answer is MediaDirection.SendOnly or MediaDirection.Inactive,
        _ => answer == MediaDirection.Inactive,
    };

    /// <summary>
    /// Whether stream <paramref name="index"/> is put on hold by the SDP's author: sendonly or inactive
    /// (RFC 3264 §8.4), or the RFC 2543 c=0.0.0.0. A rejected stream is not "held".
    /// </summary>
    public static bool IsStreamHeld(SessionDescription sdp, int index)
    {
        ArgumentNullException.ThrowIfNull(sdp);
        var m = sdp.Media[index];
        if (m.IsRejected)
        {
            return false;
        }

        return sdp.EffectiveDirection(m) is MediaDirection.SendOnly or MediaDirection.Inactive || sdp.ConnectionFor(m)?.IsRfc2543Hold == true;
    }

    /// <summary>
    /// Whether an offer puts the call on hold: it has at least one active audio stream and every active audio stream is
    /// held (<see cref="IsStreamHeld"/>). A later offer with sendrecv audio resumes.
    /// </summary>
    public static bool IsHold(SessionDescription offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var anyActive = false;
        for (var i = 0; i < offer.Media.Count; i++)
        {
            var m = offer.Media[i];
            if (m.IsRejected || !m.IsAudio)
            {
                continue;
            }

            anyActive = true;
            if (!IsStreamHeld(offer, i))
            {
                return false;
            }
        }

        return anyActive;
    }

    /// <summary>
    /// The media information of each m= line of <paramref name="remote"/> (the other side's SDP), for the media layer.
    /// When <paramref name="counterpart"/> (our SDP of the same exchange) is given, rtcp-mux counts only where both
    /// carry it (RFC 5761 §5.1.1); without it, the remote SDP's a=rtcp-mux alone decides.
    /// </summary>
    public static ValueList<MediaStreamInfo> ExtractStreams(SessionDescription remote, SessionDescription? counterpart = null)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var streams = new MediaStreamInfo[remote.Media.Count];
        for (var i = 0; i < streams.Length; i++)
        {
            var m = remote.Media[i];
            var address = remote.ConnectionFor(m)?.TryGetIPAddress();
            var mux = m.HasRtcpMux && (counterpart is null || (i < counterpart.Media.Count && counterpart.Media[i].HasRtcpMux));
            var rtcp = m.Rtcp;
            var rtcpPort = mux ? m.Port : rtcp?.Port ?? m.Port + 1;
            var rtcpAddress = !mux && rtcp?.Connection?.TryGetIPAddress() is { } rtcpIp ? rtcpIp : address;
            var payloads = new List<PayloadFormat>();
            int? telephoneEvent = null;
            if (m.IsRtp)
            {
                foreach (var pt in m.PayloadTypes())
                {
                    if (m.ResolvePayloadType(pt) is not { } map)
                    {
                        continue;
                    }

                    var format = new PayloadFormat(pt, map.EncodingName, map.ClockRate, map.Channels, m.GetFmtp(pt)?.Parameters);
                    payloads.Add(format);
                    if (format.IsTelephoneEvent && telephoneEvent is null)
                    {
                        telephoneEvent = pt;
                    }
                }
            }

            streams[i] = new MediaStreamInfo(
                i,
                m.Media,
                !m.IsRejected,
                address,
                m.Port,
                rtcpAddress,
                rtcpPort,
                mux,
                payloads.ToValueList(),
                telephoneEvent,
                m.Ptime,
                remote.EffectiveDirection(m));
        }

        return streams.ToValueList();
    }

    private static MediaDescription? FilterStream(MediaDescription m, IReadOnlyList<SupportedCodec> supported, List<string> unsupported)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        var clockRates = new HashSet<int>();
        var telephoneEvents = new List<(string Format, int ClockRate)>();
        foreach (var format in m.Formats)
        {
            var map = int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var pt) ? m.ResolvePayloadType(pt) : null;
            if (map is null)
            {
                AddOnce(unsupported, "PT " + format);
            }
            else if (SupportedCodec.IsTelephoneEvent(map))
            {
                telephoneEvents.Add((format, map.ClockRate));
            }
            else if (supported.Any(s => s.Matches(map)))
            {
                keep.Add(format);
                clockRates.Add(map.ClockRate);
            }
            else
            {
                AddOnce(unsupported, map.EncodingName);
            }
        }

        if (keep.Count == 0)
        {
            return null;
        }

        foreach (var (format, clock) in telephoneEvents)
        {
            if (clockRates.Contains(clock))
            {
                keep.Add(format);
            }
        }

        var formats = m.Formats.Where(keep.Contains).ToValueList();
        var attributes = m.Attributes.RemoveAll(a =>
            a.Name.Equals(SdpAttributeNames.Crypto, StringComparison.OrdinalIgnoreCase)
            || (IsPerFormat(a) && !keep.Contains(FormatOf(a))));
        return m with { Formats = formats, Attributes = attributes };
    }

    private static bool WasOffered(MediaDescription offer, MediaDescription answer, int pt)
    {
        var answerMap = answer.GetRtpMap(pt);
        if (answerMap is null)
        {
            // No a=rtpmap in the answer: the payload type refers to the offer's mapping (or to RFC 3551's).
            var ptText = pt.ToString(CultureInfo.InvariantCulture);
            if (offer.Formats.Contains(ptText))
            {
                return true;
            }

            answerMap = StaticPayloadTypes.Get(pt);
            if (answerMap is null)
            {
                return false;
            }
        }

        foreach (var offered in offer.PayloadTypes())
        {
            if (offer.ResolvePayloadType(offered) is { } map
                && map.EncodingName.Equals(answerMap.EncodingName, StringComparison.OrdinalIgnoreCase)
                && map.ClockRate == answerMap.ClockRate
                && map.Channels == answerMap.Channels)
            {
                return true;
            }
        }

        return false;
    }

    private static MediaDescription Reject(MediaDescription m) =>
        m with { Port = 0, PortCount = null, Bandwidths = ValueList<SdpBandwidth>.Empty, Attributes = ValueList<SdpAttribute>.Empty };

    private static bool IsPerFormat(SdpAttribute a) =>
        a.Value is not null
        && (a.Name.Equals(SdpAttributeNames.RtpMap, StringComparison.OrdinalIgnoreCase)
            || a.Name.Equals(SdpAttributeNames.Fmtp, StringComparison.OrdinalIgnoreCase)
            || (a.Name.Equals(SdpAttributeNames.RtcpFeedback, StringComparison.OrdinalIgnoreCase) && !a.Value.StartsWith('*')));

    private static string FormatOf(SdpAttribute a)
    {
        var value = a.Value!.AsSpan().TrimStart();
        var space = value.IndexOf(' ');
        return (space < 0 ? value : value[..space]).ToString();
    }

    private static bool IsRelayIncompatible(SdpAttribute a) =>
        SdpAttributeNames.Ice.Contains(a.Name)
        || a.Name.Equals(SdpAttributeNames.Crypto, StringComparison.OrdinalIgnoreCase)
        || (a.Name.Equals("group", StringComparison.OrdinalIgnoreCase) && a.Value?.StartsWith("BUNDLE", StringComparison.OrdinalIgnoreCase) == true);

    private static void AddOnce(List<string> list, string item)
    {
        if (!list.Contains(item, StringComparer.OrdinalIgnoreCase))
        {
            list.Add(item);
        }
    }
}
