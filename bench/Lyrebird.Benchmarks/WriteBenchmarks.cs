using System.Buffers;
using BenchmarkDotNet.Attributes;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Parsing;
using Lyrebird.Sip.Writing;

namespace Lyrebird.Benchmarks;

/// <summary>SipMessageWriter.Write of a 200 OK with SDP, built once, into a reused buffer.</summary>
[MemoryDiagnoser]
public class WriteBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(2048);
    private SipResponse _ok = null!;

    [GlobalSetup]
    public void Setup()
    {
        var invite = (SipRequest)SipMessageParser.Parse(SipCorpus.Invite, SipLimits.Default).Message!;
        _ok = SipResponseFactory.Create(invite, SipStatusCodes.Ok, toTag: "as5f2a1c7e");
        _ok.Headers.Add(Lyrebird.Sip.Headers.HeaderId.Contact, "<sip:201@192.168.1.10:5060>");
        _ok.Headers.Add(Lyrebird.Sip.Headers.HeaderId.Allow, "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE");
        _ok.Headers.Add(Lyrebird.Sip.Headers.HeaderId.Server, "Lyrebird");
        _ok.Headers.Add(Lyrebird.Sip.Headers.HeaderId.ContentType, "application/sdp");
        var okBytes = (SipResponse)SipMessageParser.Parse(SipCorpus.OkWithSdp, SipLimits.Default).Message!;
        _ok.Body = okBytes.Body;
    }

    [Benchmark]
    public int Write200Ok()
    {
        _buffer.ResetWrittenCount();
        SipMessageWriter.Write(_ok, _buffer);
        return _buffer.WrittenCount;
    }
}
