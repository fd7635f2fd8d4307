using BenchmarkDotNet.Attributes;
using Lyrebird.Media.Relay;

namespace Lyrebird.Benchmarks.Media;

/// <summary>Port pair allocation and release (per call setup and teardown, twice per call).</summary>
[MemoryDiagnoser]
public class PortPoolBenchmarks
{
    private readonly RtpPortPool _pool = new(10000, 20000);

    [Benchmark]
    public int AllocateAndRelease()
    {
        _pool.TryAllocate(out int port);
        _pool.Release(port);
        return port;
    }
}
