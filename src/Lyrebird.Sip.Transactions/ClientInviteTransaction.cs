using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.Transactions;

/// <summary>
/// The INVITE client transaction of RFC 3261 §17.1.1 (Figure 5) as amended by RFC 6026 §7.2 (Figure 5 replaced:
/// a 2xx moves to Accepted instead of Terminated, and Timer M absorbs further 2xx for the TU).
/// </summary>
/// <remarks>
/// <code>
///                        |INVITE from TU
///      Timer A fires     |INVITE sent               Timer B fires
///      Reset A,          V                          or Transport Err.
///      INVITE sent +-----------+                    inform TU
///        +---------|           |--------------------------------+
///        |         |  Calling  |-----------+                    |
///        +--------&gt;|           |           | 2xx                |
///                  +-----------+           | 2xx to TU          |
///                     |     |              |                    |
///   300-699 from TL   |     | 1xx to TU    |                    |
///   ACK sent          |     |              |                    |
///   resp. to TU       |     V              |                    |
///                     |  +------------+    |   1xx to TU        |
///                     |  |            |&lt;---+---------+          |
///                     |  | Proceeding |----+---------+          |
///                     |  |            |    |                    |
///                     |  +------------+    |   2xx to TU        |
///                     |     | 300-699      V                    |
///                     |     | ACK sent  +----------+   2xx      |
///                     |     | to TU     |          |   to TU    |
///                     V     V           | Accepted |&lt;------+    |
///   300-699     +-----------+           |          |------+     |
///   ACK sent    |           |           +----------+            |
///   +-----------| Completed |              |                    |
///   +----------&gt;|           |              | Timer M fires      |
///               +-----------+              |                    |
///                  |  Timer D fires        |                    |
///                  |  Transport Err.       |                    |
///                  |  inform TU            V                    |
///                  +-----------------&gt; Terminated &lt;-------------+
/// </code>
/// <para>Timer A runs only on unreliable transports; Timer D is zero (immediate) on reliable ones (§17.1.1.2).
/// The ACK for a 300–699 response is built here (§17.1.1.3) and re-sent for each retransmitted final response.</para>
/// <para>Single-threaded: a synchronous object with no locks and no I/O. Its owner delivers one event at a time and
/// carries out the effects it emits through <see cref="ITransactionEffects"/>.</para>
/// </remarks>
internal sealed class ClientInviteTransaction
{
    private readonly SipRequest _invite;
    private readonly bool _reliable;
    private readonly SipTimers _timers;
    private readonly ITransactionEffects _effects;
    private TimeSpan _timerAInterval;
    private SipRequest? _ack;

    public ClientInviteTransaction(SipRequest invite, bool reliable, SipTimers timers, ITransactionEffects effects)
    {
        _invite = invite;
        _reliable = reliable;
        _timers = timers;
        _effects = effects;
        _timerAInterval = timers.TimerA;
    }

    public ClientInviteState State { get; private set; } = ClientInviteState.Calling;

    public SipRequest Request => _invite;

    /// <summary>INVITE from TU: send it, start Timer A (UDP) and Timer B.</summary>
    public void Start()
    {
        _effects.Send(_invite);
        if (!_reliable)
        {
            _effects.StartTimer(SipTimer.A, _timerAInterval);
        }

        _effects.StartTimer(SipTimer.B, _timers.TimerB);
    }

    public void OnResponse(SipResponse response)
    {
        switch (State)
        {
            case ClientInviteState.Calling or ClientInviteState.Proceeding when response.IsProvisional:
                if (State == ClientInviteState.Calling)
                {
                    // §17.1.1.2: on a provisional response the client stops retransmitting; Timer B only guards Calling.
                    _effects.StopTimer(SipTimer.A);
                    _effects.StopTimer(SipTimer.B);
                    State = ClientInviteState.Proceeding;
                }

                _effects.PassResponseToTu(response);
                break;

            case ClientInviteState.Calling or ClientInviteState.Proceeding when response.IsSuccess:
                // RFC 6026 §7.2: 2xx to TU, enter Accepted, Timer M.
                _effects.StopTimer(SipTimer.A);
                _effects.StopTimer(SipTimer.B);
                State = ClientInviteState.Accepted;
                _effects.StartTimer(SipTimer.M, _timers.TimerM);
                _effects.PassResponseToTu(response);
                break;

            case ClientInviteState.Calling or ClientInviteState.Proceeding:
                // 300-699: ACK sent, response to TU, Completed, Timer D.
                _effects.StopTimer(SipTimer.A);
                _effects.StopTimer(SipTimer.B);
                _ack = SipRequestFactory.CreateAckForNonSuccess(_invite, response);
                _effects.Send(_ack);
                State = ClientInviteState.Completed;
                _effects.PassResponseToTu(response);
                if (_reliable)
                {
                    Terminate(); // Timer D = 0
                }
                else
                {
                    _effects.StartTimer(SipTimer.D, _timers.TimerD);
                }

                break;

            case ClientInviteState.Completed when response.StatusCode >= 300:
                // §17.1.1.2: retransmitted final responses are absorbed; the ACK is re-sent each time.
                _effects.Send(_ack!);
                break;

            case ClientInviteState.Accepted when response.IsSuccess:
                // RFC 6026 §7.2: further 2xx (retransmissions or other forks) go to the TU.
                _effects.PassResponseToTu(response);
                break;

            default:
                // Anything else is not an arrow of the figure: discarded.
                break;
        }
    }

    public void OnTimer(SipTimer timer)
    {
        switch (State, timer)
        {
            case (ClientInviteState.Calling, SipTimer.A):
                _effects.Send(_invite);
                _timerAInterval *= 2; // §17.1.1.2: "reset the timer with a value of 2*T1" — doubling, no cap
                _effects.StartTimer(SipTimer.A, _timerAInterval);
                break;

            case (ClientInviteState.Calling, SipTimer.B):
                _effects.StopTimer(SipTimer.A);
                _effects.TimedOut(SipTimer.B);
                Terminate();
                break;

            case (ClientInviteState.Completed, SipTimer.D):
            case (ClientInviteState.Accepted, SipTimer.M):
                Terminate();
                break;

            default:
                break;
        }
    }

    public void OnTransportError()
    {
        switch (State)
        {
            case ClientInviteState.Calling or ClientInviteState.Proceeding or ClientInviteState.Completed:
                _effects.TransportFailed();
                Terminate();
                break;

            default:
                // Accepted: the ACK for the 2xx is the TU's; a failure here concerns nothing the transaction sent.
                break;
        }
    }

    private void Terminate()
    {
        foreach (var timer in (ReadOnlySpan<SipTimer>)[SipTimer.A, SipTimer.B, SipTimer.D, SipTimer.M])
        {
            _effects.StopTimer(timer);
        }

        State = ClientInviteState.Terminated;
        _effects.Terminated();
    }
}
