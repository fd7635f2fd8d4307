namespace Lyrebird.Media.Recording;

/// <summary>Settings of a <see cref="CallRecorder"/>; the defaults suit G.711/G.722 calls with 20 ms packets.</summary>
public sealed class CallRecorderOptions
{
    /// <summary>Writer threads shared by all sessions (sessions are spread over them round-robin). One thread
    /// decodes and writes about a thousand calls with room to spare; more only helps with slow disks.</summary>
    public int WriterThreads { get; set; } = 1;

    /// <summary>How often a writer thread wakes to drain the queues.</summary>
    public TimeSpan WriterInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Bytes of queue per channel between the tap and the writer. 32 KiB holds about 3.4 s of 20 ms
    /// G.711/G.722 packets (16 bytes of bookkeeping per packet).</summary>
    public int QueueBytesPerChannel { get; set; } = 32 * 1024;

    /// <summary>A packet may arrive this long after its place on the timeline and still be placed; a stream whose
    /// packets arrive later than this (a network or scheduling stall) re-anchors, leaving silence of the stall's length.
    /// 250 ms absorbs the scheduling stalls of a busy machine without shifting a party's audio.</summary>
    public TimeSpan JitterWindow { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A stream whose timestamps put a packet this far before its arrival re-anchors.</summary>
    public TimeSpan AheadLimit { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>When no packets come (both parties on hold), silence is still written up to this long before the
    /// writer's clock, so a crash during a long hold loses no more than during talk.</summary>
    public TimeSpan IdleLag { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Audio written between two header patches. With <see cref="JitterWindow"/> and
    /// <see cref="WriterInterval"/> this bounds what a crash loses: 0.5 + 0.25 + 0.05 s by default, under a
    /// second.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Size of each session's write buffer.</summary>
    public int WriteBufferBytes { get; set; } = 64 * 1024;

    /// <summary>Told of unknown payload types (once per channel) and failures; null for none.</summary>
    public IRecordingObserver? Observer { get; set; }
}
