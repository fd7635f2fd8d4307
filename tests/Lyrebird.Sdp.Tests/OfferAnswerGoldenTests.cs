using System.Net;
using System.Text.RegularExpressions;
using Lyrebird.Sdp.Model;
using Lyrebird.Sdp.Negotiation;
using Lyrebird.Sdp.Parsing;
using Lyrebird.Sdp.Writing;

namespace Lyrebird.Sdp.Tests;

/// <summary>
/// Golden files in TestData/OfferAnswer/&lt;case&gt;.txt, sections separated by a line of dashes:
/// (1) the caller's offer; (2) capabilities (<c>codecs:</c>, <c>relay:</c>, optional <c>rtcp: separate</c>);
/// (3) the offer Lyrebird forwards to the callee, or <c>error: &lt;message&gt;</c>; optionally (4) the callee's answer and
/// (5) the answer Lyrebird sends to the caller, or <c>error: &lt;message&gt;</c>. Expected SDPs use <c>{PORT}</c> for
/// relay ports, which must be ports the test allocated. The flow is the B2BUA's: filter, rewrite, check, rewrite.
/// </summary>
public sealed partial class OfferAnswerGoldenTests
{
    public static TheoryData<string> Cases() => new(
        Directory.EnumerateFiles(TestData.Folder("OfferAnswer"), "*.txt").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal));

    [Fact]
    public void The_golden_folder_has_cases() => Assert.True(Cases().Count >= 8);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Golden_offer_answer_case(string name)
    {
        var sections = DashLine().Split(File.ReadAllText(Path.Combine(TestData.Folder("OfferAnswer"), name + ".txt")).ReplaceLineEndings("\n"));
        Assert.True(sections.Length is 3 or 5, $"{name}: expected 3 or 5 sections, got {sections.Length}");

        var capabilities = ParseCapabilities(sections[1]);
        var offer = Parse(sections[0]);
        var relay = IPAddress.Parse(capabilities["relay"]);
        var codecs = capabilities["codecs"].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ParseCodec).ToArray();
        var separate = capabilities.TryGetValue("rtcp", out var rtcp) && rtcp == "separate";

        var allocated = new HashSet<int>();
        Func<int, (int, int)> Allocator(int basePort) => index =>
        {
            var rtp = basePort + (2 * index);
            var pair = (rtp, separate ? rtp + 100 : rtp + 1);
            allocated.Add(pair.Item1);
            allocated.Add(pair.Item2);
            return pair;
        };

        var filtered = OfferAnswer.FilterOffer(offer, codecs);
        if (IsError(sections[2], out var expectedError))
        {
            Assert.False(filtered.IsOk, $"{name}: expected an error");
            Assert.Equal(expectedError, filtered.Error.Message);
            return;
        }

        Assert.True(filtered.IsOk, $"{name}: {filtered.Error}");
        var calleeLeg = new SessionOrigin(relay, 42, 1);
        var forwarded = OfferAnswer.RewriteForRelay(filtered.Value, relay, Allocator(40000), calleeLeg);
        AssertMatches(name + " (forwarded offer)", sections[2], SdpWriter.Write(forwarded), allocated);
        Assert.Equal(forwarded, Parse(SdpWriter.Write(forwarded)));
        Assert.Equal(offer.Media.Count, forwarded.Media.Count);

        if (sections.Length == 3)
        {
            return;
        }

        var answer = Parse(sections[3]);
        var check = OfferAnswer.CheckAnswer(forwarded, answer);
        if (IsError(sections[4], out expectedError))
        {
            Assert.False(check.IsOk, $"{name}: expected the answer to be refused");
            Assert.Equal(expectedError, check.Error.Message);
            return;
        }

        Assert.True(check.IsOk, $"{name}: {check.Error}");
        var callerLeg = new SessionOrigin(relay, 43, 1);
        var toCaller = OfferAnswer.RewriteForRelay(answer, relay, Allocator(30000), callerLeg);
        AssertMatches(name + " (answer to caller)", sections[4], SdpWriter.Write(toCaller), allocated);
        var callerCheck = OfferAnswer.CheckAnswer(offer, toCaller);
        Assert.True(callerCheck.IsOk, $"{name}: the caller's answer does not fit the caller's offer: {callerCheck.Error}");
    }

    private static SessionDescription Parse(string text)
    {
        var result = SdpParser.Parse(text);
        Assert.True(result.IsOk, result.Error?.Message);
        return result.Value;
    }

    private static SupportedCodec ParseCodec(string text)
    {
        var parts = text.Split('/');
        return new SupportedCodec(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Dictionary<string, string> ParseCapabilities(string section) =>
        section.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(':', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(p => p[0], p => p[1]);

    private static bool IsError(string section, out string message)
    {
        var trimmed = section.Trim();
        message = trimmed.StartsWith("error:", StringComparison.Ordinal) ? trimmed["error:".Length..].Trim() : "";
        return message.Length > 0;
    }

    private static void AssertMatches(string what, string expected, string actual, HashSet<int> allocated)
    {
        var expectedLines = expected.Trim('\n').Split('\n');
        var actualLines = actual.Split("\r\n");
        Assert.True(actual.EndsWith("\r\n", StringComparison.Ordinal), $"{what}: output must end with CRLF");
        actualLines = actualLines[..^1];
        var message = $"{what}:\n--- expected\n{string.Join('\n', expectedLines)}\n--- actual\n{string.Join('\n', actualLines)}";
        Assert.True(expectedLines.Length == actualLines.Length, message);
        for (var i = 0; i < expectedLines.Length; i++)
        {
            var pattern = "^" + Regex.Escape(expectedLines[i]).Replace(@"\{PORT}", @"(\d+)", StringComparison.Ordinal) + "$";
            var match = Regex.Match(actualLines[i], pattern);
            Assert.True(match.Success, $"line {i + 1} differs: '{actualLines[i]}' vs '{expectedLines[i]}'\n{message}");
            foreach (var group in match.Groups.Cast<Group>().Skip(1))
            {
                Assert.Contains(int.Parse(group.Value, System.Globalization.CultureInfo.InvariantCulture), allocated);
            }
        }
    }

    [GeneratedRegex(@"\n-{3,}\n")]
    private static partial Regex DashLine();
}
