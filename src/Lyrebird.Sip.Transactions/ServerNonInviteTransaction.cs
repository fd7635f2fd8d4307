using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.Transactions;

/// <summary>The non-INVITE server transaction of RFC 3261 §17.2.2 (Figure 8).</summary>
/// <remarks>
/// <code>
///                                   |Request received
///                                   |pass to TU
///                                   V
///                             +-----------+
///                             |           |
///                             | Trying    |-------------+
///                             |           |             |
///                             +-----------+             |200-699 from TU
///                                   |                   |send response
///                                   |1xx from TU        |
///                                   |send response      |
///                                   |                   |
///                Request            V      1xx from TU  |
///                send response+-----------+send response|
///                    +--------|           |--------+    |
///                    |        | Proceeding|        |    |
///                    +-------&gt;|           |&lt;-------+    |
///             +&lt;--------------|           |             |
///             |Trnsprt Err    +-----------+             |
///             |Inform TU            |                   |
///             |                     |                   |
///             |                     |200-699 from TU    |
///             |                     |send response      |
///             |  Request            V                   |
///             |  send response+-----------+             |
///             |      +--------|           |             |
///             |      |        | Completed |&lt;------------+
///             |      +-------&gt;|           |
///             +&lt;--------------|           |
///             |Trnsprt Err    +-----------+
///             |Inform TU            |
///             |                     |Timer J fires
///             |                     |-
///             |                     |
///             |                     V
///             |               +-----------+
///             |               |           |
///             +--------------&gt;| Terminated|
///                             |           |
///                             +-----------+
/// </code>
/// <para>Timer J is 64·T1 on unreliable transports and zero (immediate) on reliable ones (§17.2.2). Request
/// retransmissions in Trying are discarded; in Proceeding and Completed they get the last response again.</para>
/// <para>Single-threaded: a synchronous object with no locks and no I/O; effects go through
/// <see cref="ITransactionEffects"/>.</para>
/// </remarks>
internal sealed class ServerNonInviteTransaction
{
    private readonly SipRequest _request;
    private readonly bool _reliable;
    private readonly SipTimers _timers;
    private readonly ITransactionEffects _effects;
    private SipResponse? _lastResponse;

    public ServerNonInviteTransaction(SipRequest request, bool reliable, SipTimers timers, ITransactionEffects effects)
    {
        _request = request;
        _reliable = reliable;
        _timers = timers;
        _effects = effects;
    }

    public ServerNonInviteState State { get; private set; } = ServerNonInviteState.Trying;

    public SipRequest Request => _request;

    public SipResponse? LastResponse => _lastResponse;

    /// <summary>A response from the TU.</summary>
    public void SendResponse(SipResponse response)
    {
        switch (State)
        {
            case ServerNonInviteState.Trying or ServerNonInviteState.Proceeding when response.IsProvisional:
                State = ServerNonInviteState.Proceeding;
                Send(response);
                break;

            case ServerNonInviteState.Trying or ServerNonInviteState.Proceeding:
                Send(response);
                State = ServerNonInviteState.Completed;
                if (_reliable)
                {
                    Terminate(); // Timer J = 0
                }
                else
                {
                    _effects.StartTimer(SipTimer.J, _timers.TimerJ);
                }

                break;

            default:
                // Completed: "Any other final responses passed by the TU to the server transaction MUST be discarded".
                break;
        }
    }

    public void OnRequestRetransmission()
    {
        if (State is ServerNonInviteState.Proceeding or ServerNonInviteState.Completed && _lastResponse is not null)
        {
            _effects.Send(_lastResponse);
        }
    }

    public void OnTimer(SipTimer timer)
    {
        if (State == ServerNonInviteState.Completed && timer == SipTimer.J)
        {
            Terminate();
        }
    }

    public void OnTransportError()
    {
        if (State is ServerNonInviteState.Proceeding or ServerNonInviteState.Completed or ServerNonInviteState.Trying)
        {
            _effects.TransportFailed();
            Terminate();
        }
    }

    private void Send(SipResponse response)
    {
        _lastResponse = response;
        _effects.Send(response);
    }

    private void Terminate()
    {
        _effects.StopTimer(SipTimer.J);
        State = ServerNonInviteState.Terminated;
        _effects.Terminated();
    }
}
