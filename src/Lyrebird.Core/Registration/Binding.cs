namespace Lyrebird.Core.Registration;

/// <summary>
/// One registered contact of an address-of-record (RFC 3261 §10), with the flow it arrived on so that requests reach a
/// phone behind NAT (RFC 5626 / RFC 3581): we send to where the REGISTER came from, not to the Contact's host.
/// </summary>
public sealed record Binding
{
    /// <summary>The address-of-record's user part: the extension.</summary>
    public required string Aor { get; init; }

    /// <summary>The Contact URI as the phone wrote it (e.g. <c>sip:201@192.168.1.23:5060;line=aho1nwcf</c>).</summary>
    public required string ContactUri { get; init; }

    /// <summary>RFC 5626 <c>+sip.instance</c> (without the quotes), when the phone sent one.</summary>
    public string? InstanceId { get; init; }

    /// <summary>RFC 5626 <c>reg-id</c>, when the phone sent one.</summary>
    public int? RegId { get; init; }

    public double Q { get; init; } = 1.0;

    public required string CallId { get; init; }

    public required uint CSeq { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>"UDP", "TCP" or "TLS": the transport the REGISTER used.</summary>
    public required string Transport { get; init; }

    /// <summary>Source address and port of the REGISTER (received / rport).</summary>
    public required string RemoteAddress { get; init; }

    public required int RemotePort { get; init; }

    /// <summary>Our local socket address the REGISTER arrived on.</summary>
    public required string LocalAddress { get; init; }

    public required int LocalPort { get; init; }

    /// <summary>The stream connection it arrived on (0 for UDP); meaningful only while this process runs.</summary>
    public long ConnectionId { get; init; }

    public string? UserAgent { get; init; }

    public TimeSpan RemainingAt(DateTimeOffset now) => ExpiresAt > now ? ExpiresAt - now : TimeSpan.Zero;
}
