using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transport;

namespace Lyrebird.Sip.Transactions;

/// <summary>A server transaction (RFC 3261 §17.2): created by the layer for each new inbound request; the TU answers
/// through <see cref="Respond"/>.</summary>
public sealed class ServerTransaction : SipTransaction
{
    private readonly ServerInviteTransaction? _invite;
    private readonly ServerNonInviteTransaction? _nonInvite;

    internal ServerTransaction(TransactionLayer layer, SipRequest request, SipFlow flow, string? branch, SipTimers timers)
        : base(layer, request, flow, branch)
    {
        if (request.MethodKind == SipMethodKind.Invite)
        {
            _invite = new ServerInviteTransaction(request, flow.IsReliable, timers, this);
        }
        else
        {
            _nonInvite = new ServerNonInviteTransaction(request, flow.IsReliable, timers, this);
        }
    }

    public bool IsInvite => _invite is not null;

    /// <summary>State of an INVITE server transaction; null for non-INVITE.</summary>
    public ServerInviteState? InviteState => _invite?.State;

    /// <summary>State of a non-INVITE server transaction; null for INVITE.</summary>
    public ServerNonInviteState? NonInviteState => _nonInvite?.State;

    public override bool IsTerminated =>
        _invite?.State == ServerInviteState.Terminated || _nonInvite?.State == ServerNonInviteState.Terminated;

    /// <summary>The last response sent on the transaction (null before the first).</summary>
    public SipResponse? LastResponse => _invite is not null ? _invite.LastResponse : _nonInvite!.LastResponse;

    /// <summary>A final response has been sent (CANCEL has no effect on the INVITE any more, §9.2).</summary>
    public bool HasFinalResponse => LastResponse is { IsProvisional: false };

    /// <summary>Keys under which the layer registered the transaction (removed on termination).</summary>
    internal ServerTransactionKey Key { get; set; }

    internal MergeKey? MergeKey { get; set; }

    /// <summary>
    /// Sends a response (build it with <see cref="SipResponseFactory.Create"/>). Provisional responses keep the
    /// transaction in Proceeding; the first final response completes it; on an INVITE transaction in Accepted further
    /// 2xx (the TU's retransmissions, RFC 6026) are sent as given. Responses the state does not allow are discarded.
    /// Returns at once; the response is handled in order with the transaction's other events.
    /// </summary>
    public void Respond(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Post(() =>
        {
            if (_invite is not null)
            {
                _invite.SendResponse(response);
            }
            else
            {
                _nonInvite!.SendResponse(response);
            }
        });
    }

    internal void Start()
    {
        _invite?.Start();
    }

    internal void OnRequestRetransmission()
    {
        if (_invite is not null)
        {
            _invite.OnRequestRetransmission();
        }
        else
        {
            _nonInvite!.OnRequestRetransmission();
        }
    }

    internal void OnAck(SipRequest ack) => _invite?.OnAck(ack);

    internal override void OnTimer(SipTimer timer)
    {
        if (_invite is not null)
        {
            _invite.OnTimer(timer);
        }
        else
        {
            _nonInvite!.OnTimer(timer);
        }
    }

    internal override void OnTransportError()
    {
        if (_invite is not null)
        {
            _invite.OnTransportError();
        }
        else
        {
            _nonInvite!.OnTransportError();
        }
    }

    private protected override void PassResponseToTu(SipResponse response)
    {
        // Server machines never pass responses up.
    }
}
