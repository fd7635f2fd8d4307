namespace Lyrebird.Media.Recording;

/// <summary>
/// Records calls to WAV files off the packet-forwarding path. The relay hands every packet of a recorded call to
/// <see cref="RecordingSession.Tap"/>, which only copies it into the session's queue; a small fixed set of writer
/// threads (<see cref="CallRecorderOptions.WriterThreads"/>, one by default) shared by all sessions drains the
/// queues, decodes, places the audio on the session's timeline and writes the file in large chunks.
/// </summary>
/// <remarks>
/// <para>Why shared writer threads rather than one per call: a call produces only 100 packets and 32 KB of WAV per
/// second, so a thread per call would spend its life waking up; one thread decodes a packet in well under a
/// microsecond and writes each file in 0.5 s chunks, and keeps the thread count independent of the call count.</para>
/// <para>Why a single-producer/single-consumer ring per channel: the tap runs on the relay thread, which must never
/// wait or allocate; a ring of bytes preallocated at start needs only a copy and one release write per packet, and
/// each party's packets come from one relay thread (even if caller and callee were served by different threads,
/// each ring still has one producer).</para>
/// </remarks>
public sealed class CallRecorder : IDisposable
{
    private readonly CallRecorderOptions _options;
    private readonly TimeProvider _time;
    private readonly RecordingWriterThread[] _writers;
    private int _next;
    private bool _disposed;

    public CallRecorder(CallRecorderOptions? options = null, TimeProvider? time = null)
        : this(options, time, startThreads: true)
    {
    }

    /// <summary>With <paramref name="startThreads"/> false nothing runs by itself: tests drive the writers with
    /// <see cref="PumpOnce"/>.</summary>
    internal CallRecorder(CallRecorderOptions? options, TimeProvider? time, bool startThreads)
    {
        _options = options ?? new CallRecorderOptions();
        _time = time ?? TimeProvider.System;
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.WriterThreads, 1);
        _writers = new RecordingWriterThread[_options.WriterThreads];
        for (int i = 0; i < _writers.Length; i++)
        {
            _writers[i] = new RecordingWriterThread(i, _time, _options.WriterInterval, startThreads);
        }
    }

    /// <summary>Sessions started and not yet finished.</summary>
    public int ActiveSessions => _writers.Sum(w => w.Count);

    /// <summary>
    /// Creates the file, writes its header and starts taking packets. Call before answering 200 to `Record: on`:
    /// it throws (<see cref="IOException"/>, <see cref="UnauthorizedAccessException"/>) when the file cannot be
    /// created, so the caller can answer 500 instead of claiming a recording that does not exist.
    /// </summary>
    public RecordingSession Start(RecordingStartOptions start)
    {
        ArgumentNullException.ThrowIfNull(start);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (start.Channels is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(start), start.Channels, "A recording has one or two channels.");
        }

        if (start.SampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(start), start.SampleRate, "The recording rate must be 8000 or 16000.");
        }

        WavWriter writer = WavWriter.Create(start.Path, start.SampleRate, start.Channels, _options.WriteBufferBytes);
        return Start(start, writer);
    }

    /// <summary>As <see cref="Start(RecordingStartOptions)"/>, writing to a stream of the caller's (tests simulate
    /// failing disks with it).</summary>
    internal RecordingSession Start(RecordingStartOptions start, WavWriter writer)
    {
        var session = new RecordingSession(start, _options, _time.TimestampFrequency, writer);
        RecordingWriterThread thread = _writers[(int)((uint)Interlocked.Increment(ref _next) % (uint)_writers.Length)];
        thread.Add(session);
        return session;
    }

    /// <summary>One pass of every writer on the calling thread (for tests without writer threads).</summary>
    internal void PumpOnce()
    {
        foreach (RecordingWriterThread writer in _writers)
        {
            writer.PumpOnce();
        }
    }

    /// <summary>Stops the writer threads; sessions still running end as failed ("recorder shut down") with a valid
    /// header for what was written. Stop sessions first to complete them.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (RecordingWriterThread writer in _writers)
        {
            writer.Dispose();
        }
    }
}
