namespace Lyrebird.Sip.Parsing;

/// <summary>Named limits enforced on inbound messages. Each has its source in its comment.</summary>
public sealed record SipLimits
{
    public static SipLimits Default { get; } = new();

    /// <summary>Largest whole message (start line + headers + body); larger gets 513 (RFC 3261 §21.5.14). 65,535 is the
    /// largest UDP payload and what sipgo uses.</summary>
    public int MaxMessageBytes { get; init; } = 65_535;

    /// <summary>Largest start line + header section; a stream that sends more without CRLFCRLF is closed.</summary>
    public int MaxHeaderSectionBytes { get; init; } = 16_384;

    /// <summary>Most header values (after splitting list headers) in one message.</summary>
    public int MaxHeaderCount { get; init; } = 256;

    /// <summary>Most Via values in one message (a 70-hop path plus slack).</summary>
    public int MaxViaCount { get; init; } = 72;
}
