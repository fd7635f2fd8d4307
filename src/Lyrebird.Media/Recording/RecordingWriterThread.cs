namespace Lyrebird.Media.Recording;

/// <summary>
/// One background thread that serves many sessions: every <see cref="CallRecorderOptions.WriterInterval"/> (or at
/// once when a session is stopped) it pumps each session — drain, decode, place, write — and drops finished ones.
/// </summary>
internal sealed class RecordingWriterThread : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly AutoResetEvent _wake = new(false);
    private readonly Lock _lock = new();
    private readonly short[] _scratch = new short[16 * 1024];
    private readonly Thread? _thread;

    // Copy-on-write under _lock; the thread reads the current array.
    private RecordingSession[] _sessions = [];
    private volatile bool _stopping;

    public RecordingWriterThread(int index, TimeProvider time, TimeSpan interval, bool start)
    {
        _time = time;
        _interval = interval;
        if (start)
        {
            _thread = new Thread(Run) { IsBackground = true, Name = $"lyrebird-recording-{index}" };
            _thread.Start();
        }
    }

    public int Count => Volatile.Read(ref _sessions).Length;

    public void Add(RecordingSession session)
    {
        session.StopRequested = () => _wake.Set();
        lock (_lock)
        {
            _sessions = [.. _sessions, session];
        }
    }

    /// <summary>One pass over all sessions; the thread's loop body, also called directly by tests that run without
    /// a thread.</summary>
    public void PumpOnce()
    {
        long now = _time.GetTimestamp();
        RecordingSession[] sessions = Volatile.Read(ref _sessions);
        bool anyDone = false;
        foreach (RecordingSession session in sessions)
        {
            session.Pump(now, _scratch);
            anyDone |= session.IsDone;
        }

        if (anyDone)
        {
            lock (_lock)
            {
                _sessions = Array.FindAll(_sessions, s => !s.IsDone);
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        _thread?.Join();
        foreach (RecordingSession session in Volatile.Read(ref _sessions))
        {
            session.Abort("recorder shut down");
        }

        _sessions = [];
        _wake.Dispose();
    }

    private void Run()
    {
        while (!_stopping)
        {
            _wake.WaitOne(_interval);
            PumpOnce();
        }
    }
}
