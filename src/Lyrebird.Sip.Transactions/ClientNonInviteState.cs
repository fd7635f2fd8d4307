namespace Lyrebird.Sip.Transactions;

/// <summary>States of the client non-INVITE transaction (RFC 3261 §17.1.2).</summary>
public enum ClientNonInviteState : byte
{
    Trying,
    Proceeding,
    Completed,
    Terminated,
}
