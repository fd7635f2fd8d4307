namespace Lyrebird.Media.Recording.Tests;

public sealed class PacketRingTests
{
    [Fact]
    public void Packets_come_out_in_order_and_intact_across_many_wraps()
    {
        var ring = new PacketRing(4096);
        var random = new Random(42);
        int written = 0, read = 0;
        for (int round = 0; round < 2000; round++)
        {
            int burst = random.Next(1, 6);
            for (int i = 0; i < burst; i++)
            {
                byte[] packet = Make(written, random.Next(12, 400));
                if (ring.TryWrite(packet, written))
                {
                    written++;
                }
            }

            int drain = random.Next(0, 6);
            for (int i = 0; i < drain && ring.TryPeek(out long timestamp, out ReadOnlySpan<byte> packet); i++)
            {
                Assert.Equal(read, timestamp);
                Assert.True(packet.SequenceEqual(Make(read, packet.Length)));
                ring.Release();
                read++;
            }
        }

        Assert.True(written > 1000);
    }

    [Fact]
    public void A_full_ring_refuses_packets_and_accepts_again_after_reading()
    {
        var ring = new PacketRing(4096);
        int accepted = 0;
        while (ring.TryWrite(new byte[172], accepted))
        {
            accepted++;
        }

        Assert.InRange(accepted, 20, 4096 / 188);
        Assert.True(ring.TryPeek(out _, out _));
        ring.Release();
        Assert.True(ring.TryWrite(new byte[172], 0));
        Assert.False(ring.TryWrite(new byte[ring.MaxPacketLength + 1], 0));
    }

    [Fact]
    public async Task A_producer_and_a_consumer_on_two_threads_lose_and_corrupt_nothing()
    {
        var ring = new PacketRing(8192);
        const int Count = 200_000;
        var producer = Task.Run(() =>
        {
            int drops = 0;
            for (int i = 0; i < Count; i++)
            {
                byte[] packet = Make(i, 20 + (i % 200));
                while (!ring.TryWrite(packet, i))
                {
                    drops++;
                    Thread.SpinWait(10);
                }
            }

            return drops;
        });

        Consume(ring, Count);
        await producer;
        Assert.False(ring.TryPeek(out _, out _));
    }

    private static void Consume(PacketRing ring, int count)
    {
        int next = 0;
        while (next < count)
        {
            if (ring.TryPeek(out long timestamp, out ReadOnlySpan<byte> packet))
            {
                Assert.Equal(next, timestamp);
                Assert.Equal(20 + (next % 200), packet.Length);
                Assert.True(packet.SequenceEqual(Make(next, packet.Length)));
                ring.Release();
                next++;
            }
        }
    }

    private static byte[] Make(int seed, int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(seed * 31 + i);
        }

        return bytes;
    }
}
