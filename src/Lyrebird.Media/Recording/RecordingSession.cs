namespace Lyrebird.Media.Recording;

/// <summary>
/// One recording segment: one WAV file fed by <see cref="Tap"/> and written by the recorder's writer thread. Created
/// by <see cref="CallRecorder.Start"/>; ended by <see cref="StopAsync"/>.
/// </summary>
/// <remarks>
/// Threads: <see cref="Tap"/> runs on the relay thread (one producer per party; both parties may share a thread);
/// everything else in the session's state is owned by its writer thread, except the fields marked "any thread".
/// </remarks>
public sealed class RecordingSession
{
    private const int StateRecording = 0;
    private const int StateStopping = 1;
    private const int StateDone = 2;

    // Written once at start.
    private readonly CallRecorderOptions _options;
    private readonly PacketRing[] _rings;
    private readonly long _frequency;
    private readonly long _checkpointFrames;
    private readonly long _idleLagFrames;

    // Any thread: the tap reads the state, StopAsync and the writer change it.
    private int _state;
    private long _stopTimestamp;
    private readonly long[] _queueDrops;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Writer thread.
    private readonly RecordingTimeline _timeline;
    private readonly WavWriter _writer;
    private readonly bool[] _unknownReported;
    private long _lastCheckpointFrames;
    private string? _failureReason;

    internal RecordingSession(RecordingStartOptions start, CallRecorderOptions options, long timestampFrequency, WavWriter writer)
    {
        Path = start.Path;
        Channels = start.Channels;
        SampleRate = start.SampleRate;
        StartTimestamp = start.StartTimestamp;
        _options = options;
        _frequency = timestampFrequency;
        _writer = writer;
        var maps = new List<RecordingPayloadMap>(Channels) { start.CallerPayloads };
        if (Channels == 2)
        {
            maps.Add(start.CalleePayloads ?? start.CallerPayloads);
        }

        _timeline = new RecordingTimeline(SampleRate, maps, options.JitterWindow, options.AheadLimit);
        _rings = new PacketRing[Channels];
        for (int i = 0; i < _rings.Length; i++)
        {
            _rings[i] = new PacketRing(options.QueueBytesPerChannel);
        }

        _queueDrops = new long[Channels];
        _unknownReported = new bool[Channels];
        _checkpointFrames = Math.Max(1, options.CheckpointInterval.Ticks * SampleRate / TimeSpan.TicksPerSecond);
        _idleLagFrames = options.IdleLag.Ticks * SampleRate / TimeSpan.TicksPerSecond;
    }

    public string Path { get; }

    public int Channels { get; }

    public int SampleRate { get; }

    public long StartTimestamp { get; }

    /// <summary>Any thread.</summary>
    public RecordingStatus Status => Volatile.Read(ref _state) switch
    {
        StateDone when Volatile.Read(ref _failureReason) is not null => RecordingStatus.Failed,
        StateDone => RecordingStatus.Completed,
        _ => Volatile.Read(ref _failureReason) is null ? RecordingStatus.Recording : RecordingStatus.Failed,
    };

    /// <summary>Packets dropped so far by the tap because a queue was full. Any thread.</summary>
    public long DroppedPackets
    {
        get
        {
            long total = 0;
            for (int i = 0; i < _queueDrops.Length; i++)
            {
                total += Volatile.Read(ref _queueDrops[i]);
            }

            return total;
        }
    }

    internal bool IsDone => Volatile.Read(ref _state) == StateDone;

    /// <summary>
    /// The relay's hook: copies one packet (RTP header included) into the session's queue. Never blocks, never
    /// allocates, never throws for any input; when the queue is full the packet is dropped and counted. Packets of
    /// the callee in a mono session, and packets after <see cref="StopAsync"/>, are ignored. Call from at most one
    /// thread per party.
    /// </summary>
    /// <param name="packet">The UDP payload as received.</param>
    /// <param name="arrivalTimestamp">Arrival time from the same clock as the start time.</param>
    /// <param name="party">Who sent it.</param>
    public void Tap(ReadOnlySpan<byte> packet, long arrivalTimestamp, RecordingParty party)
    {
        int channel = (int)party;
        if ((uint)channel >= (uint)_rings.Length || Volatile.Read(ref _state) != StateRecording ||
            Volatile.Read(ref _failureReason) is not null)
        {
            return;
        }

        if (!_rings[channel].TryWrite(packet, arrivalTimestamp))
        {
            Interlocked.Increment(ref _queueDrops[channel]);
        }
    }

    /// <summary>
    /// Ends the segment at <paramref name="stopTimestamp"/> (same clock as the start): packets that arrived before it
    /// are written, the file is cut to exactly stop − start (both channels padded with silence), its header made
    /// exact, the file flushed to disk and hashed. Safe to call more than once (later calls return the same result
    /// and ignore their stop time).
    /// </summary>
    public async Task<RecordingResult> StopAsync(long stopTimestamp, CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, StateStopping, StateRecording) == StateRecording)
        {
            Volatile.Write(ref _stopTimestamp, Math.Max(stopTimestamp, StartTimestamp));
            StopRequested?.Invoke();
        }

        await _finished.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        byte[]? hash = null;
        long size = 0;
        string? reason = Volatile.Read(ref _failureReason);
        try
        {
            size = new FileInfo(Path).Length;
            if (reason is null)
            {
                hash = await WavFile.ComputeSha256Async(Path, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException exception)
        {
            reason ??= "cannot read the finished file: " + exception.Message;
        }
        catch (UnauthorizedAccessException exception)
        {
            reason ??= "cannot read the finished file: " + exception.Message;
        }

        return new RecordingResult(
            reason is null ? RecordingStatus.Completed : RecordingStatus.Failed,
            reason,
            Path,
            SampleRate,
            Channels,
            _writer.Frames,
            size,
            reason is null ? hash : null,
            _timeline.GetStatistics(0, Volatile.Read(ref _queueDrops[0])),
            Channels == 2 ? _timeline.GetStatistics(1, Volatile.Read(ref _queueDrops[1])) : null);
    }

    /// <summary>Set by the writer thread that owns the session, to be woken at once.</summary>
    internal Action? StopRequested { get; set; }

    /// <summary>Writer thread: drains the queues in arrival order, places the packets, writes what is settled, and
    /// finishes the file once a stop was requested. Never throws.</summary>
    internal void Pump(long now, short[] scratch)
    {
        int state = Volatile.Read(ref _state);
        if (state == StateDone)
        {
            return;
        }

        try
        {
            if (_failureReason is null)
            {
                bool stopping = state == StateStopping;
                long stopFrame = stopping ? ToFrame(Volatile.Read(ref _stopTimestamp)) : long.MaxValue;
                Drain(stopping, stopFrame, scratch);
                if (stopping)
                {
                    Finish(stopFrame, scratch);
                    return;
                }

                AdvanceTo(ToFrame(now) - _idleLagFrames, scratch);
                if (_writer.Frames - _lastCheckpointFrames >= _checkpointFrames)
                {
                    _writer.Checkpoint();
                    _lastCheckpointFrames = _writer.Frames;
                }
            }
            else if (state == StateStopping)
            {
                Volatile.Write(ref _state, StateDone);
                _finished.TrySetResult();
            }
        }
#pragma warning disable CA1031 // The writer thread serves every call: one recording's error must not end it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Fail(exception is IOException or UnauthorizedAccessException
                ? "write failed: " + exception.Message
                : "internal error: " + exception.GetType().Name + ": " + exception.Message, exception, finish: state == StateStopping);
        }
    }

    /// <summary>Consumer side: throws away everything queued (benchmarks measure the tap alone with it).</summary>
    internal void DiscardQueued()
    {
        foreach (PacketRing ring in _rings)
        {
            while (ring.TryPeek(out _, out _))
            {
                ring.Release();
            }
        }
    }

    /// <summary>Writer thread, at shutdown: ends the session where it is.</summary>
    internal void Abort(string reason)
    {
        if (Volatile.Read(ref _state) != StateDone)
        {
            Fail(reason, null, finish: true);
        }
    }

    private void Drain(bool stopping, long stopFrame, short[] scratch)
    {
        PacketRing first = _rings[0];
        PacketRing? second = _rings.Length > 1 ? _rings[1] : null;
        while (true)
        {
            bool haveFirst = first.TryPeek(out long t1, out ReadOnlySpan<byte> p1);
            long t2 = 0;
            ReadOnlySpan<byte> p2 = default;
            bool haveSecond = second is not null && second.TryPeek(out t2, out p2);
            int channel;
            long timestamp;
            ReadOnlySpan<byte> packet;
            if (haveFirst && (!haveSecond || t1 <= t2))
            {
                channel = 0;
                timestamp = t1;
                packet = p1;
            }
            else if (haveSecond)
            {
                channel = 1;
                timestamp = t2;
                packet = p2;
            }
            else
            {
                return;
            }

            long frame = ToFrame(timestamp);
            if (!stopping || frame < stopFrame)
            {
                AdvanceTo(frame - _timeline.JitterFrames, scratch);
                if (_timeline.Place(channel, packet, frame) == PlacementOutcome.UnknownPayloadType && !_unknownReported[channel])
                {
                    _unknownReported[channel] = true;
                    _options.Observer?.UnknownPayloadType(this, (RecordingParty)channel, _timeline.GetStatistics(channel).FirstUnknownPayloadType);
                }
            }

            (channel == 0 ? first : second!).Release();
        }
    }

    private void AdvanceTo(long frame, short[] scratch)
    {
        while (_timeline.Cursor < frame)
        {
            int frames = _timeline.Commit(frame, scratch);
            _writer.Write(scratch.AsSpan(0, frames * Channels));
        }
    }

    private void Finish(long stopFrame, short[] scratch)
    {
        AdvanceTo(stopFrame, scratch);
        if (_writer.Frames > stopFrame)
        {
            // Packets that arrived after the stop time were written before the stop was known.
            _writer.Truncate(stopFrame);
        }

        _writer.Complete();
        Volatile.Write(ref _state, StateDone);
        _finished.TrySetResult();
    }

    private void Fail(string reason, Exception? exception, bool finish)
    {
        if (_failureReason is null)
        {
            Volatile.Write(ref _failureReason, reason);
            try
            {
                // Keep the header describing whatever reached the disk.
                _writer.Checkpoint();
            }
            catch (IOException)
            {
            }

            _writer.Dispose();
            _options.Observer?.Failed(this, reason, exception);
        }

        if (finish)
        {
            Volatile.Write(ref _state, StateDone);
            _finished.TrySetResult();
        }
    }

    private long ToFrame(long timestamp) =>
        (long)((Int128)(timestamp - StartTimestamp) * SampleRate / _frequency);
}
