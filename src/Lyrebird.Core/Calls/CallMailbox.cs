namespace Lyrebird.Core.Calls;

/// <summary>
/// Serialises a call's work: every event (a request or response of any of its transactions, a timer, a media
/// notification) is posted here; the first thread to post into an idle mailbox runs the queued actions one at a time,
/// with no lock held while an action runs. Actions posted while one runs (including from inside it) are queued, so
/// nothing re-enters the call.
/// </summary>
internal sealed class CallMailbox(Action<Exception> onError)
{
    private readonly Lock _lock = new();
    private readonly Queue<Action> _queue = new();
    private bool _running;

    public void Post(Action action)
    {
        lock (_lock)
        {
            _queue.Enqueue(action);
            if (_running)
            {
                return;
            }

            _running = true;
        }

        while (true)
        {
            Action next;
            lock (_lock)
            {
                if (!_queue.TryDequeue(out next!))
                {
                    _running = false;
                    return;
                }
            }

            try
            {
                next();
            }
#pragma warning disable CA1031 // one failing event must not stop the call's other events
            catch (Exception e)
#pragma warning restore CA1031
            {
                onError(e);
            }
        }
    }
}
