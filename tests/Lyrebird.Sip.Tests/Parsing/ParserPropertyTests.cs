using System.Text;
using CsCheck;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Parsing;
using Lyrebird.Sip.Uris;
using Lyrebird.Sip.Writing;

namespace Lyrebird.Sip.Tests.Parsing;

/// <summary>Property tests: write-then-parse round trips, and the parser's total behaviour on mangled input.</summary>
public sealed class ParserPropertyTests
{
    private static readonly Gen<string> Token = Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~"].Array[1, 12]
        .Select(a => new string(a)).Where(t => !t.Contains('%', StringComparison.Ordinal));

    private static readonly Gen<string> Label = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"].Array[1, 10].Select(a => new string(a));

    private static readonly Gen<string> Host = Gen.OneOf(
        Gen.Select(Label, Label, (a, b) => a + "." + b),
        Gen.Select(Gen.Int[0, 255], Gen.Int[0, 255], (a, b) => $"192.0.{a}.{b}"),
        Gen.Int[1, 0xffff].Select(x => $"[2001:db8::{x:x}]"));

    private static readonly Gen<int?> Port = Gen.OneOf(Gen.Const((int?)null), Gen.Int[1, 65535].Select(p => (int?)p));

    private static readonly Gen<string> Text = Gen.Char[" !#$%&'()*+-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~éüß€"]
        .Array[0, 30].Select(a => new string(a).Trim());

    private static readonly Gen<SipUri> Uri = Gen.Select(Gen.OneOf("sip", "sips"), Label.Null(), Host, Port,
        Gen.OneOf("", ";lr", ";transport=tcp", ";user=phone;line=ab12cd"), (scheme, user, host, port, parameters) =>
            SipUri.Parse($"{scheme}:{(user is null ? "" : user + "@")}{host}{(port is { } p ? ":" + p : "")}{parameters}"));

    private static readonly Gen<SipNameAddress> NameAddress = Gen.Select(Uri, Text.Select(t => t.Replace("\"", "\\", StringComparison.Ordinal)).Null(), Token.Null(),
        (uri, display, tag) =>
        {
            var na = new SipNameAddress(uri, display);
            if (tag is not null)
            {
                na.Tag = tag;
            }

            return na;
        });

    private static readonly Gen<SipVia> Via = Gen.Select(Gen.OneOf("UDP", "TCP", "TLS", "WS"), Host, Port, Token, Gen.Bool,
        (transport, host, port, branch, rport) =>
        {
            var via = new SipVia(transport, host, port) { Branch = SipVia.MagicCookie + branch };
            if (rport)
            {
                via.Parameters.Set("rport", null);
            }

            return via;
        });

    private static readonly Gen<(string Name, string Value)[]> Extra = Gen.OneOf(
        Gen.Select(Token, Text, (n, v) => ("X-" + n, v)),
        Token.Select(t => ("Supported", t)),
        Token.Select(t => ("Subject", t + " and more")),
        Gen.Select(Uri, u => ("Route", "<" + u + ">"))).Array[0, 6];

    private static readonly Gen<byte[]> Body = Gen.OneOf(Gen.Const(Array.Empty<byte>), Gen.Byte.Array[1, 200]);

    private static void AddCommon(SipMessage m, SipVia[] vias, SipNameAddress from, SipNameAddress to, string callId, uint cseq, string method,
        (string Name, string Value)[] extra, byte[] body)
    {
        foreach (var via in vias)
        {
            m.Headers.Add(HeaderId.Via, via.ToString());
        }

        m.Headers.Add(HeaderId.From, from.ToString());
        m.Headers.Add(HeaderId.To, to.ToString());
        m.Headers.Add(HeaderId.CallId, callId);
        m.Headers.Add(HeaderId.CSeq, new SipCSeq(cseq, method).ToString());
        foreach (var (name, value) in extra)
        {
            m.Headers.Add(name, value);
        }

        m.Body = body;
    }

    private static readonly Gen<SipRequest> Request =
        Gen.Select(Gen.OneOf(Gen.OneOf(SipMethods.Invite, SipMethods.Register, SipMethods.Info, SipMethods.Bye), Token), Uri, Via.Array[1, 3],
            Gen.Select(NameAddress, NameAddress, Label, Gen.UInt[0, SipCSeq.MaxNumber]), Gen.Select(Extra, Body, Gen.Int[0, 255]),
            (method, uri, vias, ids, rest) =>
            {
                var r = new SipRequest(method, uri);
                AddCommon(r, vias, ids.Item1, ids.Item2, ids.Item3 + "@host", ids.Item4, method, rest.Item1, rest.Item2);
                r.Headers.Add(HeaderId.MaxForwards, rest.Item3.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return r;
            });

    private static readonly Gen<SipResponse> Response =
        Gen.Select(Gen.Int[100, 699], Text.Null(), Via.Array[1, 3], Gen.Select(NameAddress, NameAddress, Label, Gen.UInt[0, SipCSeq.MaxNumber]),
            Gen.Select(Extra, Body, Gen.OneOf(SipMethods.Invite, SipMethods.Options)),
            (status, reason, vias, ids, rest) =>
            {
                var r = new SipResponse(status, reason);
                AddCommon(r, vias, ids.Item1, ids.Item2, ids.Item3, ids.Item4, rest.Item3, rest.Item1, rest.Item2);
                return r;
            });

    private static readonly Gen<SipMessage> Message = Gen.OneOf(Request.Select(r => (SipMessage)r), Response.Select(r => (SipMessage)r));

    private static void AssertStructurallyEqual(SipMessage expected, SipMessage actual)
    {
        switch (expected)
        {
            case SipRequest request:
                var parsed = Assert.IsType<SipRequest>(actual);
                Assert.Equal(request.Method, parsed.Method);
                Assert.Equal(request.RequestUri.ToString(), parsed.RequestUri.ToString());
                break;
            case SipResponse response:
                var parsedResponse = Assert.IsType<SipResponse>(actual);
                Assert.Equal(response.StatusCode, parsedResponse.StatusCode);
                Assert.Equal(response.ReasonPhrase, parsedResponse.ReasonPhrase);
                break;
        }

        Assert.Equal(
            expected.Headers.Where(h => h.Id != HeaderId.ContentLength).Select(h => (h.Name, h.Value)),
            actual.Headers.Where(h => h.Id != HeaderId.ContentLength).Select(h => (h.Name, h.Value)));
        Assert.Equal(expected.Body.ToArray(), actual.Body.ToArray());
    }

    [Fact]
    public void Write_then_parse_round_trips() =>
        Message.Sample(message =>
        {
            var bytes = SipMessageWriter.ToArray(message);
            foreach (var isStream in (ReadOnlySpan<bool>)[false, true])
            {
                var result = SipMessageParser.Parse(bytes, SipLimits.Default, isStream);
                Assert.True(result.IsOk, result + "\n" + Encoding.UTF8.GetString(bytes));
                AssertStructurallyEqual(message, result.Message!);
            }
        }, iter: 2000);

    [Fact]
    public void Writing_a_parsed_message_gives_the_same_bytes() =>
        Message.Sample(message =>
        {
            var bytes = SipMessageWriter.ToArray(message);
            var again = SipMessageWriter.ToArray(SipMessageParser.Parse(bytes, SipLimits.Default).Message!);
            Assert.Equal(bytes, again);
        }, iter: 500);

    private static readonly byte[] Delimiters = "\r\n :;,<>\"\\@[]%/="u8.ToArray();

    private static readonly Gen<byte[]> Mutated =
        Gen.Select(Message.Select(SipMessageWriter.ToArray), Gen.Int[0, 5].SelectMany(n => Gen.Select(Gen.Int[0, 4], Gen.Double[0, 1], Gen.Byte).Array[n]),
            (bytes, mutations) =>
            {
                var list = new List<byte>(bytes);
                foreach (var (op, where, value) in mutations)
                {
                    var at = (int)(where * list.Count);
                    switch (op)
                    {
                        case 0 when list.Count > 0: // flip a byte
                            list[Math.Min(at, list.Count - 1)] ^= value;
                            break;
                        case 1: // truncate
                            list.RemoveRange(at, list.Count - at);
                            break;
                        case 2: // insert a byte, often a delimiter
                            list.Insert(at, Delimiters[value % Delimiters.Length]);
                            break;
                        case 3 when list.Count > 0: // delete a range
                            list.RemoveRange(Math.Min(at, list.Count - 1), Math.Min(value % 16, list.Count - Math.Min(at, list.Count - 1)));
                            break;
                        case 4: // duplicate a slice
                            var length = Math.Min(value % 40, list.Count - at);
                            list.InsertRange(at, list.GetRange(at, length));
                            break;
                    }
                }

                return list.ToArray();
            });

    [Fact]
    public void Parser_returns_a_result_for_any_mutation_of_a_valid_message() =>
        Mutated.Sample(bytes =>
        {
            foreach (var isStream in (ReadOnlySpan<bool>)[false, true])
            {
                var result = SipMessageParser.Parse(bytes, SipLimits.Default, isStream);
                Assert.True(result.IsOk ^ (result.Reason != SipRejectReason.None));
                if (result.Salvage is not null)
                {
                    Assert.False(result.IsResponse);
                    Assert.NotNull(result.Salvage.TopVia?.Host ?? result.Salvage.Headers.GetFirstValue(HeaderId.Via));
                }

                if (result.Message is { } m)
                {
                    _ = (m.TopVia, m.CSeq, m.From, m.To, m.CallId, m.MaxForwards); // accessors must not throw either
                    _ = SipMessageWriter.ToArray(m);
                }
            }
        }, iter: 20000);

    [Fact]
    public void Parser_returns_a_result_for_random_bytes() =>
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            var result = SipMessageParser.Parse(bytes, SipLimits.Default);
            Assert.True(result.IsOk ^ (result.Reason != SipRejectReason.None));
        }, iter: 5000);
}
