using System.Net;
using CsCheck;
using Lyrebird.Sdp.Model;
using Lyrebird.Sdp.Negotiation;
using Lyrebird.Sdp.Parsing;
using Lyrebird.Sdp.Writing;

namespace Lyrebird.Sdp.Tests;

/// <summary>Generated offers: the B2BUA's chain never changes the m= lines' count, order or media types.</summary>
public sealed class NegotiationPropertyTests
{
    private static readonly IPAddress Relay = IPAddress.Parse("198.51.100.1");

    private static Gen<T> Pick<T>(params T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static readonly (int Pt, string? RtpMap)[] Catalogue =
    [
        (0, null), (8, null), (9, null), (3, null), (18, null), (0, "PCMU/8000"), (9, "G722/8000"),
        (96, "opus/48000/2"), (97, "PCMA/8000"), (101, "telephone-event/8000"), (102, "telephone-event/48000"), (110, "G722/16000"),
    ];

    private static readonly Gen<MediaDescription> GenMedia =
        Gen.Select(
            Pick("audio", "audio", "audio", "video", "image"),
            Gen.OneOf(Gen.Const(0), Gen.Int[1024, 65000]),
            Pick("RTP/AVP", "RTP/AVP", "RTP/AVPF", "RTP/SAVP"),
            Gen.Int[0, Catalogue.Length - 1].Array[1, 6],
            Pick<string?>(null, "sendrecv", "sendonly", "recvonly", "inactive"),
            Gen.Bool)
        .Select((media, port, proto, picks, direction, mux) =>
        {
            var chosen = picks.Select(i => Catalogue[i]).DistinctBy(c => c.Pt).ToArray();
            var attributes = chosen.Where(c => c.RtpMap is not null).Select(c => new SdpAttribute("rtpmap", $"{c.Pt} {c.RtpMap}")).ToList();
            if (direction is not null)
            {
                attributes.Add(new SdpAttribute(direction));
            }

            if (mux)
            {
                attributes.Add(new SdpAttribute("rtcp-mux"));
            }

            return new MediaDescription(media, port, null, proto, chosen.Select(c => c.Pt.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToValueList())
            {
                Attributes = attributes.ToValueList(),
            };
        });

    private static readonly Gen<SessionDescription> GenOffer =
        GenMedia.Array[1, 4].Select(media => new SessionDescription(new SdpOrigin("-", "1", 1, "IN", "IP4", "10.0.0.1"), "-")
        {
            Connection = new SdpConnection("IN", "IP4", "10.0.0.1"),
            Timings = ValueList<SdpTiming>.Of(SdpTiming.Permanent),
            Media = media.ToValueList(),
        });

    [Fact]
    public void Written_offers_parse_back_to_themselves()
    {
        GenOffer.Sample(offer => Assert.Equal(offer, SdpParser.Parse(SdpWriter.Write(offer)).Value));
    }

    [Fact]
    public void Filtered_and_answered_m_lines_always_match_the_offer_in_count_and_order()
    {
        GenOffer.Sample(offer =>
        {
            var filtered = OfferAnswer.FilterOffer(offer, SupportedCodec.Recordable);
            if (!filtered.IsOk)
            {
                // Refused only when no active audio stream is left with a recordable codec.
                Assert.DoesNotContain(offer.Media, m => !m.IsRejected && m.IsAudio && !m.IsSecureRtp
                    && m.PayloadTypes().Any(pt => m.ResolvePayloadType(pt) is { } map && SupportedCodec.Recordable.Any(c => c.Matches(map))));
                return;
            }

            var forwarded = OfferAnswer.RewriteForRelay(filtered.Value, Relay, i => (40000 + (2 * i), 40001 + (2 * i)), new SessionOrigin(Relay, 1, 1));
            Assert.Equal(offer.Media.Select(m => m.Media), forwarded.Media.Select(m => m.Media));
            Assert.Contains(forwarded.Media, m => !m.IsRejected && m.IsAudio);
            Assert.All(offer.Media.Zip(forwarded.Media), p => Assert.True(!p.First.IsRejected || p.Second.IsRejected));

            var answer = AnswerLikeAPhone(forwarded);
            Assert.True(OfferAnswer.CheckAnswer(forwarded, answer).IsOk);
            var toCaller = OfferAnswer.RewriteForRelay(answer, Relay, i => (30000 + (2 * i), 30001 + (2 * i)), new SessionOrigin(Relay, 2, 1));
            var check = OfferAnswer.CheckAnswer(offer, toCaller);
            Assert.True(check.IsOk, check.Error?.Message);
            Assert.Equal(offer.Media.Count, toCaller.Media.Count);
        });
    }

    /// <summary>A conforming answerer: first offered codec plus telephone-event, the complementary direction.</summary>
    private static SessionDescription AnswerLikeAPhone(SessionDescription offer) =>
        offer with
        {
            Origin = new SdpOrigin("phone", "9", 9, "IN", "IP4", "10.0.0.9"),
            Connection = new SdpConnection("IN", "IP4", "10.0.0.9"),
            Media = offer.Media.Select(m =>
            {
                if (m.IsRejected)
                {
                    return m with { Attributes = ValueList<SdpAttribute>.Empty };
                }

                var first = m.Formats[0];
                var keep = m.Formats.Where(f => f == first || m.ResolvePayloadType(int.Parse(f, System.Globalization.CultureInfo.InvariantCulture)) is { EncodingName: "telephone-event" }).ToValueList();
                var direction = offer.EffectiveDirection(m) switch
                {
                    MediaDirection.SendOnly => MediaDirection.RecvOnly,
                    MediaDirection.RecvOnly => MediaDirection.SendOnly,
                    var d => d,
                };
                var attributes = m.Attributes.RemoveAll(a => a.Name == "rtpmap" && !keep.Contains(a.Value!.Split(' ')[0]));
                return (m with { Port = 5000, Formats = keep, Attributes = attributes }).WithDirection(direction);
            }).ToValueList(),
        };
}
