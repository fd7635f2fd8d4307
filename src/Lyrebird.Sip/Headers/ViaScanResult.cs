namespace Lyrebird.Sip.Headers;

/// <summary>How far a Via value parsed: its sent-by is what a stateless error response needs (RFC 3261 §18.2.2).</summary>
internal enum ViaScanResult : byte
{
    /// <summary>The protocol or sent-by does not parse: nothing can be answered.</summary>
    Unusable,

    /// <summary>The sent-by parses but the parameters are malformed (RFC 4475 badinv01, badbranch).</summary>
    BadParameters,

    Ok,
}
