namespace Lyrebird.Sip.Parsing;

/// <summary>Every reason the stack rejects inbound SIP. Mapped to a status line only in <see cref="SipRejection"/>.</summary>
public enum SipRejectReason : byte
{
    None = 0,

    // Framing (RFC 3261 §7.5, §18.3)
    MessageTooLarge,              // 513
    InvalidContentLength,         // 400 Bad Content-Length Header; stream: close (RFC 4475 ncl)
    ContentLengthExceedsDatagram, // 400 (RFC 4475 clerr)
    MissingHeaderTerminator,      // 400: no empty line ending the header section

    // Syntax (RFC 3261 §25)
    InvalidStartLine,             // 400 Bad Request-Line / drop a bad Status-Line
    InvalidRequestUri,            // 400 Bad Request-URI (RFC 4475 ltgtruri, lwsruri, escruri)
    UnsupportedSipVersion,        // 505 (RFC 4475 badvers)
    InvalidStatusCode,            // response dropped (RFC 4475 bigcode, scalarlg)
    InvalidHeaderLine,            // 400: a line without a colon or with a bad name
    MalformedHeaderValue,         // 400 "Bad <Header> Header"
    TooManyHeaders,               // 400 (SipLimits.MaxHeaderCount / MaxViaCount)

    // Required headers (RFC 3261 §8.1.1, §16.3)
    MissingRequiredHeader,        // 400 "Missing <Header> Header" (RFC 4475 insuf)
    DuplicateSingletonHeader,     // 400 "Multiple <Header> Headers" (RFC 4475 multi01, mcl01)
    CSeqMethodMismatch,           // 400 (RFC 4475 mismatch01)
    ValueOutOfRange,              // 400 "Bad <Header> Header" (RFC 4475 scalar02)
}
