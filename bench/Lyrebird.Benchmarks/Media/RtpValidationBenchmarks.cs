using BenchmarkDotNet.Attributes;
using Lyrebird.Media.Rtp;

namespace Lyrebird.Benchmarks.Media;

/// <summary>Validation the relay does on every packet before forwarding it.</summary>
[MemoryDiagnoser]
public class RtpValidationBenchmarks
{
    private readonly byte[] _pcmu = MediaPackets.Rtp(172);
    private readonly byte[] _withExtension = MediaPackets.RtpWithCsrcAndExtension();
    private readonly byte[] _rtcp = [0x80, 201, 0, 1, 0, 0, 0, 1];

    [Benchmark(Baseline = true)]
    public int ReadG711Header() => RtpPacketReader.TryReadRtp(_pcmu, out RtpHeader header) ? header.SequenceNumber : -1;

    [Benchmark]
    public int ReadHeaderWithCsrcAndExtension() => RtpPacketReader.TryReadRtp(_withExtension, out RtpHeader header) ? header.PayloadLength : -1;

    [Benchmark]
    public bool ValidateRtcp() => RtpPacketReader.IsValidRtcp(_rtcp);

    [Benchmark]
    public bool DemultiplexMuxedPort() => RtpPacketReader.IsRtcpOnMuxedPort(_pcmu);
}
