namespace Lyrebird.Sip.Transactions;

/// <summary>The transaction timers, by their RFC 3261 §17 / RFC 6026 letters.</summary>
public enum SipTimer : byte
{
    /// <summary>INVITE request retransmit (client, UDP).</summary>
    A,

    /// <summary>INVITE transaction timeout (client).</summary>
    B,

    /// <summary>Wait for response retransmissions (client INVITE Completed).</summary>
    D,

    /// <summary>Non-INVITE request retransmit (client, UDP).</summary>
    E,

    /// <summary>Non-INVITE transaction timeout (client).</summary>
    F,

    /// <summary>INVITE final response retransmit (server, UDP).</summary>
    G,

    /// <summary>Wait for ACK (server INVITE Completed).</summary>
    H,

    /// <summary>Wait for ACK retransmissions (server INVITE Confirmed).</summary>
    I,

    /// <summary>Wait for non-INVITE request retransmissions (server non-INVITE Completed).</summary>
    J,

    /// <summary>Wait for non-INVITE response retransmissions (client non-INVITE Completed).</summary>
    K,

    /// <summary>Wait for INVITE retransmissions after a 2xx (server INVITE Accepted, RFC 6026).</summary>
    L,

    /// <summary>Wait for 2xx retransmissions (client INVITE Accepted, RFC 6026).</summary>
    M,

    /// <summary>The 200 ms after which a server INVITE transaction sends 100 Trying itself (§17.2.1). Not lettered in the RFC.</summary>
    Trying100,
}
