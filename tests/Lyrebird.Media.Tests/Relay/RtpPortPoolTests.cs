using System.Collections.Concurrent;
using Lyrebird.Media.Relay;

namespace Lyrebird.Media.Tests.Relay;

public sealed class RtpPortPoolTests
{
    [Fact]
    public void Pairs_are_even_and_inside_the_range()
    {
        var pool = new RtpPortPool(10001, 10010);

        Assert.Equal(10002, pool.MinPort);
        Assert.Equal(4, pool.Capacity);   // 10002, 10004, 10006, 10008 (10010 has no odd partner in range)
        var ports = new List<int>();
        while (pool.TryAllocate(out int port))
        {
            ports.Add(port);
        }

        Assert.Equal([10002, 10004, 10006, 10008], ports);
    }

    [Fact]
    public void Exhaustion_is_reported_not_thrown_and_counted()
    {
        var pool = new RtpPortPool(20000, 20003);
        Assert.True(pool.TryAllocate(out _));
        Assert.True(pool.TryAllocate(out _));

        Assert.False(pool.TryAllocate(out _));
        Assert.False(pool.TryAllocate(out _));
        Assert.Equal(2, pool.ExhaustedCount);
        Assert.Equal(0, pool.Available);
    }

    [Fact]
    public void A_released_pair_is_reused_last()
    {
        var pool = new RtpPortPool(20000, 20005);
        Assert.True(pool.TryAllocate(out int first));
        Assert.True(pool.Release(first));

        Assert.True(pool.TryAllocate(out int second));
        Assert.True(pool.TryAllocate(out int third));
        Assert.True(pool.TryAllocate(out int fourth));

        Assert.NotEqual(first, second);
        Assert.NotEqual(first, third);
        Assert.Equal(first, fourth);
    }

    [Theory]
    [InlineData(20001)]   // odd
    [InlineData(19998)]   // below the range
    [InlineData(20006)]   // above the range
    [InlineData(20002)]   // in range, not allocated
    public void Releasing_a_pair_that_is_not_allocated_changes_nothing(int port)
    {
        var pool = new RtpPortPool(20000, 20005);
        Assert.True(pool.TryAllocate(out _));

        Assert.False(pool.Release(port));
        Assert.Equal(2, pool.Available);
    }

    [Fact]
    public void Releasing_twice_returns_the_pair_once()
    {
        var pool = new RtpPortPool(20000, 20005);
        Assert.True(pool.TryAllocate(out int port));

        Assert.True(pool.Release(port));
        Assert.False(pool.Release(port));
        Assert.Equal(3, pool.Available);
    }

    [Fact]
    public void Concurrent_allocations_never_hand_out_a_pair_twice()
    {
        var pool = new RtpPortPool(10000, 19999);
        var taken = new ConcurrentBag<int>();
        Parallel.For(0, 8, _ =>
        {
            while (pool.TryAllocate(out int port))
            {
                taken.Add(port);
            }
        });

        Assert.Equal(5000, taken.Count);
        Assert.Equal(5000, taken.Distinct().Count());
        Parallel.ForEach(taken, port => Assert.True(pool.Release(port)));
        Assert.Equal(5000, pool.Available);
    }

    [Fact]
    public void A_range_without_a_pair_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new RtpPortPool(10001, 10002));
    }
}
