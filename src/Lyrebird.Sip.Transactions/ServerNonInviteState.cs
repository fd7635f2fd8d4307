namespace Lyrebird.Sip.Transactions;

/// <summary>States of the server non-INVITE transaction (RFC 3261 §17.2.2).</summary>
public enum ServerNonInviteState : byte
{
    Trying,
    Proceeding,
    Completed,
    Terminated,
}
