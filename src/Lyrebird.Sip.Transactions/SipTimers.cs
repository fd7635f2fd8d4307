namespace Lyrebird.Sip.Transactions;

/// <summary>
/// The timer values of RFC 3261 §17 (Table 4 in Appendix A) and RFC 6026 §8.3/§8.4. T1, T2 and T4 are the base values;
/// every lettered timer is derived from them as the RFC defines, so changing T1 scales the whole set. No global state:
/// the <see cref="TransactionLayer"/> is given one instance.
/// </summary>
/// <remarks>
/// The values here are the unreliable-transport values. On reliable transports (TCP, TLS) the machines skip the
/// retransmission timers (A, E, G) and use zero for D, I, J and K (§17.1.1.2, §17.1.2.2, §17.2.1, §17.2.2).
/// </remarks>
public sealed record SipTimers
{
    /// <summary>The RFC's recommended values: T1 = 500 ms, T2 = 4 s, T4 = 5 s.</summary>
    public static SipTimers Default { get; } = new();

    /// <summary>RTT estimate (§17.1.1.1), default 500 ms.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Maximum retransmit interval for non-INVITE requests and INVITE responses, default 4 s.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Maximum duration a message will remain in the network, default 5 s.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an INVITE server transaction waits for the TU before it sends 100 Trying itself (§17.2.1: "200 ms").</summary>
    public TimeSpan TryingDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Timer D: wait time for response retransmissions in client INVITE Completed; at least 32 s on unreliable
    /// transports (§17.1.1.2).</summary>
    public TimeSpan TimerD { get; init; } = TimeSpan.FromSeconds(32);

    /// <summary>INVITE request retransmit interval, initially T1 and doubling (UDP only).</summary>
    public TimeSpan TimerA => T1;

    /// <summary>INVITE transaction timeout: 64·T1.</summary>
    public TimeSpan TimerB => 64 * T1;

    /// <summary>Non-INVITE request retransmit interval, initially T1, doubling up to T2 (UDP only).</summary>
    public TimeSpan TimerE => T1;

    /// <summary>Non-INVITE transaction timeout: 64·T1.</summary>
    public TimeSpan TimerF => 64 * T1;

    /// <summary>INVITE final response retransmit interval, initially T1, doubling up to T2 (UDP only).</summary>
    public TimeSpan TimerG => T1;

    /// <summary>Wait time for ACK receipt: 64·T1.</summary>
    public TimeSpan TimerH => 64 * T1;

    /// <summary>Wait time for ACK retransmissions: T4 (UDP), zero on reliable transports.</summary>
    public TimeSpan TimerI => T4;

    /// <summary>Wait time for non-INVITE request retransmissions: 64·T1 (UDP), zero on reliable transports.</summary>
    public TimeSpan TimerJ => 64 * T1;

    /// <summary>Wait time for non-INVITE response retransmissions: T4 (UDP), zero on reliable transports.</summary>
    public TimeSpan TimerK => T4;

    /// <summary>Wait time for accepted INVITE request retransmissions (RFC 6026 §8.3): 64·T1.</summary>
    public TimeSpan TimerL => 64 * T1;

    /// <summary>Wait time for retransmissions of 2xx to INVITE, or additional 2xx from other branches (RFC 6026 §8.4): 64·T1.</summary>
    public TimeSpan TimerM => 64 * T1;

    /// <summary>The next interval of a retransmission timer that doubles up to T2 (Timers E and G).</summary>
    public TimeSpan DoubleUpToT2(TimeSpan current) => current * 2 < T2 ? current * 2 : T2;
}
