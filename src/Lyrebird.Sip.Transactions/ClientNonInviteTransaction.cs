using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.Transactions;

/// <summary>The non-INVITE client transaction of RFC 3261 §17.1.2 (Figure 6).</summary>
/// <remarks>
/// <code>
///                                   |Request from TU
///                                   |send request
///               Timer E             V
///               send request  +-----------+
///                   +---------|           |-------------------+
///                   |         |  Trying   |  Timer F          |
///                   +--------&gt;|           |  or Transport Err.|
///                             +-----------+  inform TU        |
///                200-699         |  |                         |
///                resp. to TU     |  |1xx                      |
///                +---------------+  |resp. to TU              |
///                |                  |                         |
///                |   Timer E        V       Timer F           |
///                |   send req +-----------+ or Transport Err. |
///                |  +---------|           | inform TU         |
///                |  |         |Proceeding |------------------&gt;|
///                |  +--------&gt;|           |-----+             |
///                |            +-----------+     |1xx          |
///                |              |      ^        |resp to TU   |
///                | 200-699      |      +--------+             |
///                | resp. to TU  |                             |
///                |              |                             |
///                |              V                             |
///                |            +-----------+                   |
///                |            |           |                   |
///                |            | Completed |                   |
///                |            |           |                   |
///                |            +-----------+                   |
///                |              ^   |                         |
///                |              |   | Timer K                 |
///                +--------------+   | -                       |
///                                   |                         |
///                                   V                         |
///             NOTE:           +-----------+                   |
///                             |           |                   |
///         transitions         | Terminated|&lt;------------------+
///         labeled with        |           |
///         the event           +-----------+
///         over the action
///         to take
/// </code>
/// <para>Timer E (T1, doubling up to T2 in Trying, T2 in Proceeding) runs only on unreliable transports; Timer K is
/// T4 on unreliable transports and zero (immediate) on reliable ones (§17.1.2.2).</para>
/// <para>Single-threaded: a synchronous object with no locks and no I/O; effects go through
/// <see cref="ITransactionEffects"/>.</para>
/// </remarks>
internal sealed class ClientNonInviteTransaction
{
    private readonly SipRequest _request;
    private readonly bool _reliable;
    private readonly SipTimers _timers;
    private readonly ITransactionEffects _effects;
    private TimeSpan _timerEInterval;

    public ClientNonInviteTransaction(SipRequest request, bool reliable, SipTimers timers, ITransactionEffects effects)
    {
        _request = request;
        _reliable = reliable;
        _timers = timers;
        _effects = effects;
        _timerEInterval = timers.TimerE;
    }

    public ClientNonInviteState State { get; private set; } = ClientNonInviteState.Trying;

    public SipRequest Request => _request;

    /// <summary>Request from TU: send it, start Timer E (UDP) and Timer F.</summary>
    public void Start()
    {
        _effects.Send(_request);
        if (!_reliable)
        {
            _effects.StartTimer(SipTimer.E, _timerEInterval);
        }

        _effects.StartTimer(SipTimer.F, _timers.TimerF);
    }

    public void OnResponse(SipResponse response)
    {
        switch (State)
        {
            case ClientNonInviteState.Trying or ClientNonInviteState.Proceeding when response.IsProvisional:
                State = ClientNonInviteState.Proceeding;
                _effects.PassResponseToTu(response);
                break;

            case ClientNonInviteState.Trying or ClientNonInviteState.Proceeding:
                _effects.StopTimer(SipTimer.E);
                _effects.StopTimer(SipTimer.F);
                State = ClientNonInviteState.Completed;
                _effects.PassResponseToTu(response);
                if (_reliable)
                {
                    Terminate(); // Timer K = 0
                }
                else
                {
                    _effects.StartTimer(SipTimer.K, _timers.TimerK);
                }

                break;

            default:
                // Completed: response retransmissions are absorbed (§17.1.2.2).
                break;
        }
    }

    public void OnTimer(SipTimer timer)
    {
        switch (State, timer)
        {
            case (ClientNonInviteState.Trying, SipTimer.E):
                _effects.Send(_request);
                _timerEInterval = _timers.DoubleUpToT2(_timerEInterval);
                _effects.StartTimer(SipTimer.E, _timerEInterval);
                break;

            case (ClientNonInviteState.Proceeding, SipTimer.E):
                // §17.1.2.2: in Proceeding, Timer E is reset with T2.
                _effects.Send(_request);
                _timerEInterval = _timers.T2;
                _effects.StartTimer(SipTimer.E, _timerEInterval);
                break;

            case (ClientNonInviteState.Trying or ClientNonInviteState.Proceeding, SipTimer.F):
                _effects.StopTimer(SipTimer.E);
                _effects.TimedOut(SipTimer.F);
                Terminate();
                break;

            case (ClientNonInviteState.Completed, SipTimer.K):
                Terminate();
                break;

            default:
                break;
        }
    }

    public void OnTransportError()
    {
        if (State is ClientNonInviteState.Trying or ClientNonInviteState.Proceeding)
        {
            _effects.TransportFailed();
            Terminate();
        }
    }

    private void Terminate()
    {
        foreach (var timer in (ReadOnlySpan<SipTimer>)[SipTimer.E, SipTimer.F, SipTimer.K])
        {
            _effects.StopTimer(timer);
        }

        State = ClientNonInviteState.Terminated;
        _effects.Terminated();
    }
}
