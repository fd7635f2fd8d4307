namespace Lyrebird.Sip.Transactions;

/// <summary>States of the client INVITE transaction (RFC 3261 §17.1.1, RFC 6026 §7.2).</summary>
public enum ClientInviteState : byte
{
    Calling,
    Proceeding,
    Completed,
    Accepted,
    Terminated,
}
