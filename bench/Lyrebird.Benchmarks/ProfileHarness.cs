using System.Diagnostics;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Parsing;
using Lyrebird.Sip.Uris;

namespace Lyrebird.Benchmarks;

/// <summary>Quick relative timings of the parser's parts (<c>-- profile</c>); BenchmarkDotNet gives the real figures.</summary>
internal static class ProfileHarness
{
    public static void Run()
    {
        Time("Parse INVITE", () => SipMessageParser.Parse(SipCorpus.Invite, SipLimits.Default));
        Time("Parse 100 Trying", () => SipMessageParser.Parse(SipCorpus.Trying, SipLimits.Default));
        var via = "SIP/2.0/UDP 192.168.1.23:5060;branch=z9hG4bK-7m3ar2kqjz1d;rport"u8.ToArray();
        Time("SipVia.TryParse", () => _ = SipVia.TryParse(via, out _));
        var from = "\"203\" <sip:203@192.168.1.10>;tag=2o9v7qh8nh"u8.ToArray();
        Time("SipNameAddress.TryParse", () => _ = SipNameAddress.TryParse(from, out _));
        var uri = "sip:201@192.168.1.10;user=phone"u8.ToArray();
        Time("SipUri.TryParse", () => _ = SipUri.TryParse(uri, out _));
        Time("KnownHeaders.Lookup", () => KnownHeaders.Lookup("Content-Type"u8));
    }

    private static void Time(string name, Action action)
    {
        for (var i = 0; i < 20_000; i++)
        {
            action();
        }

        var best = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 100_000; i++)
            {
                action();
            }

            best = Math.Min(best, sw.Elapsed.TotalNanoseconds / 100_000);
        }

        Console.WriteLine($"{name,-28} {best,8:F0} ns");
    }
}
