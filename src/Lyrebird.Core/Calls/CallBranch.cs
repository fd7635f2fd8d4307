using Lyrebird.Core.Registration;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transactions;
using Lyrebird.Sip.Transport;

namespace Lyrebird.Core.Calls;

/// <summary>One INVITE toward one registered contact of the callee (one fork of the B leg).</summary>
internal sealed class CallBranch(Binding binding, SipFlow flow, SipRequest invite)
{
    public Binding Binding { get; } = binding;

    public SipFlow Flow { get; } = flow;

    public SipRequest Invite { get; } = invite;

    public ClientTransaction? Transaction { get; set; }

    /// <summary>A provisional response arrived: a CANCEL may be sent (RFC 3261 §9.1).</summary>
    public bool HasProvisional { get; set; }

    /// <summary>We want this branch cancelled but could not send CANCEL yet (no provisional response).</summary>
    public bool CancelPending { get; set; }

    public bool Cancelled { get; set; }

    /// <summary>The INVITE transaction has its final response (or failed): nothing more will come but 2xx retransmissions.</summary>
    public bool IsDone { get; set; }

    public SipResponse? FinalResponse { get; set; }
}
