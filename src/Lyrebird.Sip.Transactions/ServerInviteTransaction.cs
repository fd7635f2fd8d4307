using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.Transactions;

/// <summary>
/// The INVITE server transaction of RFC 3261 §17.2.1 (Figure 7) as amended by RFC 6026 §7.1 (a 2xx from the TU moves
/// to Accepted, where INVITE retransmissions are absorbed, 2xx retransmissions are the TU's job and pass through, and
/// Timer L ends the transaction).
/// </summary>
/// <remarks>
/// <code>
///                                |INVITE
///                                |pass INV to TU
///             INVITE             V send 100 if TU won't in 200 ms
///             send response+------------+
///                 +--------|            |--------+ 101-199 from TU
///                 |        |            |        | send response
///                 +-------&gt;| Proceeding |&lt;-------+
///                          |            |
///                          |            | Transport Err.
///                          |            | Inform TU
///                          |            |--------------&gt;+
///                          +------------+               |
///             300-699 from TU |    | 2xx from TU        |
///             send response   |    | send response      |
///                             |    +------------------&gt;+
///                             |                         |
///             INVITE          V          Timer G fires  |
///             send response +-----------+ send response |
///                 +---------|           |---------+     |
///                 |         | Completed |         |     |
///                 +--------&gt;|           |&lt;--------+     |
///                           +-----------+               |
///                             |    |                    |
///                         ACK |    |                    |
///                         -   |    +------------------&gt;+
///                             |      Timer H fires      |
///                             V      or Transport Err.  |
///                           +-----------+  Inform TU    |
///                           |           |               |
///                           | Confirmed |               |
///                           |           |               |
///                           +-----------+               |
///                                 |                     |
///                                 |Timer I fires        |
///                                 |-                    |
///                                 |                     |
///                                 V                     |
///                           +-----------+               |
///                           |           |               |
///                           | Terminated|               |
///                           |           |               |
///                           +-----------+               |
///                                 ^                     |
///                                 | Timer L fires       V    (RFC 6026)
///                                 |              +-----------+ 2xx from TU: send response
///                                 +--------------|  Accepted | INVITE: absorbed
///                                                +-----------+ ACK: to TU
/// </code>
/// <para>Timer G runs only on unreliable transports; Timer I is zero (immediate) on reliable ones. An ACK for the
/// non-2xx final response is absorbed here and never reaches the TU (§17.2.1).</para>
/// <para>Single-threaded: a synchronous object with no locks and no I/O; effects go through
/// <see cref="ITransactionEffects"/>.</para>
/// </remarks>
internal sealed class ServerInviteTransaction
{
    private readonly SipRequest _invite;
    private readonly bool _reliable;
    private readonly SipTimers _timers;
    private readonly ITransactionEffects _effects;
    private SipResponse? _lastResponse;
    private TimeSpan _timerGInterval;

    public ServerInviteTransaction(SipRequest invite, bool reliable, SipTimers timers, ITransactionEffects effects)
    {
        _invite = invite;
        _reliable = reliable;
        _timers = timers;
        _effects = effects;
        _timerGInterval = timers.TimerG;
    }

    public ServerInviteState State { get; private set; } = ServerInviteState.Proceeding;

    public SipRequest Request => _invite;

    /// <summary>The last response sent (the one a retransmitted INVITE gets again), or null.</summary>
    public SipResponse? LastResponse => _lastResponse;

    /// <summary>INVITE received: arm the 200 ms after which the transaction sends 100 Trying itself (§17.2.1).</summary>
    public void Start() => _effects.StartTimer(SipTimer.Trying100, _timers.TryingDelay);

    /// <summary>A response from the TU.</summary>
    public void SendResponse(SipResponse response)
    {
        switch (State)
        {
            case ServerInviteState.Proceeding when response.IsProvisional:
                _effects.StopTimer(SipTimer.Trying100);
                Send(response);
                break;

            case ServerInviteState.Proceeding when response.IsSuccess:
                // RFC 6026 §7.1: send, enter Accepted, Timer L.
                _effects.StopTimer(SipTimer.Trying100);
                Send(response);
                State = ServerInviteState.Accepted;
                _effects.StartTimer(SipTimer.L, _timers.TimerL);
                break;

            case ServerInviteState.Proceeding:
                _effects.StopTimer(SipTimer.Trying100);
                Send(response);
                State = ServerInviteState.Completed;
                if (!_reliable)
                {
                    _effects.StartTimer(SipTimer.G, _timerGInterval);
                }

                _effects.StartTimer(SipTimer.H, _timers.TimerH);
                break;

            case ServerInviteState.Accepted when response.IsSuccess:
                // RFC 6026 §7.1: the TU retransmits its 2xx (or sends another) through the transaction.
                _effects.Send(response);
                break;

            default:
                // A response the state does not allow (e.g. a second final response): discarded.
                break;
        }
    }

    /// <summary>A retransmission of the INVITE that created the transaction.</summary>
    public void OnRequestRetransmission()
    {
        switch (State)
        {
            case ServerInviteState.Proceeding or ServerInviteState.Completed when _lastResponse is not null:
                // §17.2.1: the most recent provisional response, or the final response, goes out again.
                _effects.Send(_lastResponse);
                break;

            default:
                // Proceeding with nothing sent yet, Confirmed, and Accepted (RFC 6026: absorbed).
                break;
        }
    }

    /// <summary>An ACK matching the transaction (same branch as the INVITE, or RFC 2543 matching).</summary>
    public void OnAck(SipRequest ack)
    {
        switch (State)
        {
            case ServerInviteState.Completed:
                _effects.StopTimer(SipTimer.G);
                _effects.StopTimer(SipTimer.H);
                State = ServerInviteState.Confirmed;
                if (_reliable)
                {
                    Terminate(); // Timer I = 0
                }
                else
                {
                    _effects.StartTimer(SipTimer.I, _timers.TimerI);
                }

                break;

            case ServerInviteState.Accepted:
                // An ACK for the 2xx belongs to the dialog (RFC 6026 §7.1).
                _effects.PassAckToTu(ack);
                break;

            default:
                // Confirmed: ACK retransmissions absorbed. Proceeding: an ACK before any final response is meaningless.
                break;
        }
    }

    public void OnTimer(SipTimer timer)
    {
        switch (State, timer)
        {
            case (ServerInviteState.Proceeding, SipTimer.Trying100) when _lastResponse is null:
                Send(SipResponseFactory.Create(_invite, SipStatusCodes.Trying));
                break;

            case (ServerInviteState.Completed, SipTimer.G):
                _effects.Send(_lastResponse!);
                _timerGInterval = _timers.DoubleUpToT2(_timerGInterval);
                _effects.StartTimer(SipTimer.G, _timerGInterval);
                break;

            case (ServerInviteState.Completed, SipTimer.H):
                // §17.2.1: no ACK arrived; the TU is told of the failure.
                _effects.StopTimer(SipTimer.G);
                _effects.TimedOut(SipTimer.H);
                Terminate();
                break;

            case (ServerInviteState.Confirmed, SipTimer.I):
            case (ServerInviteState.Accepted, SipTimer.L):
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
            case ServerInviteState.Proceeding or ServerInviteState.Completed:
                _effects.TransportFailed();
                Terminate();
                break;

            case ServerInviteState.Accepted:
                // RFC 6026 §7.1 draws no transport-error arc out of Accepted: tell the TU (its 2xx did not go out) and
                // let Timer L end the transaction.
                _effects.TransportFailed();
                break;

            default:
                break;
        }
    }

    private void Send(SipResponse response)
    {
        _lastResponse = response;
        _effects.Send(response);
    }

    private void Terminate()
    {
        foreach (var timer in (ReadOnlySpan<SipTimer>)[SipTimer.Trying100, SipTimer.G, SipTimer.H, SipTimer.I, SipTimer.L])
        {
            _effects.StopTimer(timer);
        }

        State = ServerInviteState.Terminated;
        _effects.Terminated();
    }
}
