using BenchmarkDotNet.Attributes;
using Lyrebird.Sip.Parsing;

namespace Lyrebird.Benchmarks;

/// <summary>SipMessageParser.Parse on each message of the corpus (UDP datagram semantics).</summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private readonly SipLimits _limits = SipLimits.Default;

    /// <summary>A benchmark of a rejected message would measure the wrong path: check the corpus first.</summary>
    [GlobalSetup]
    public void CheckCorpus()
    {
        foreach (var message in (byte[][])[SipCorpus.Invite, SipCorpus.Trying, SipCorpus.Ringing, SipCorpus.OkWithSdp, SipCorpus.Ack, SipCorpus.Bye, SipCorpus.Register, SipCorpus.Info])
        {
            var result = SipMessageParser.Parse(message, _limits);
            if (!result.IsOk)
            {
                throw new InvalidOperationException($"Corpus message does not parse: {result}\n{System.Text.Encoding.ASCII.GetString(message)}");
            }
        }
    }

    [Benchmark]
    public SipParseResult ParseInviteWithSdp() => SipMessageParser.Parse(SipCorpus.Invite, _limits);

    [Benchmark]
    public SipParseResult Parse100Trying() => SipMessageParser.Parse(SipCorpus.Trying, _limits);

    [Benchmark]
    public SipParseResult Parse180Ringing() => SipMessageParser.Parse(SipCorpus.Ringing, _limits);

    [Benchmark]
    public SipParseResult Parse200OkWithSdp() => SipMessageParser.Parse(SipCorpus.OkWithSdp, _limits);

    [Benchmark]
    public SipParseResult ParseAck() => SipMessageParser.Parse(SipCorpus.Ack, _limits);

    [Benchmark]
    public SipParseResult ParseBye() => SipMessageParser.Parse(SipCorpus.Bye, _limits);

    [Benchmark]
    public SipParseResult ParseRegisterWithAuthorization() => SipMessageParser.Parse(SipCorpus.Register, _limits);

    [Benchmark]
    public SipParseResult ParseSnomInfo() => SipMessageParser.Parse(SipCorpus.Info, _limits);
}
