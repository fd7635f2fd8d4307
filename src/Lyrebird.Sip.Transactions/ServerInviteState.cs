namespace Lyrebird.Sip.Transactions;

/// <summary>States of the server INVITE transaction (RFC 3261 §17.2.1, RFC 6026 §7.1).</summary>
public enum ServerInviteState : byte
{
    Proceeding,
    Completed,
    Confirmed,
    Accepted,
    Terminated,
}
