using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transport;

namespace Lyrebird.Sip.Transactions;

/// <summary>A client transaction (RFC 3261 §17.1): created by <see cref="TransactionLayer.SendRequest"/>, reports its
/// responses through <see cref="ITransactionUser.OnResponse"/>.</summary>
public sealed class ClientTransaction : SipTransaction
{
    private readonly ClientInviteTransaction? _invite;
    private readonly ClientNonInviteTransaction? _nonInvite;

    internal ClientTransaction(TransactionLayer layer, SipRequest request, SipFlow flow, string branch, SipTimers timers)
        : base(layer, request, flow, branch)
    {
        if (request.MethodKind == SipMethodKind.Invite)
        {
            _invite = new ClientInviteTransaction(request, flow.IsReliable, timers, this);
        }
        else
        {
            _nonInvite = new ClientNonInviteTransaction(request, flow.IsReliable, timers, this);
        }
    }

    public bool IsInvite => _invite is not null;

    /// <summary>State of an INVITE client transaction; null for non-INVITE.</summary>
    public ClientInviteState? InviteState => _invite?.State;

    /// <summary>State of a non-INVITE client transaction; null for INVITE.</summary>
    public ClientNonInviteState? NonInviteState => _nonInvite?.State;

    public override bool IsTerminated =>
        _invite?.State == ClientInviteState.Terminated || _nonInvite?.State == ClientNonInviteState.Terminated;

    internal string Key => Branch!;

    internal void Start()
    {
        if (_invite is not null)
        {
            _invite.Start();
        }
        else
        {
            _nonInvite!.Start();
        }
    }

    internal void OnResponse(SipResponse response)
    {
        if (_invite is not null)
        {
            _invite.OnResponse(response);
        }
        else
        {
            _nonInvite!.OnResponse(response);
        }
    }

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

    private protected override void PassResponseToTu(SipResponse response) => Layer.User.OnResponse(this, response);
}
