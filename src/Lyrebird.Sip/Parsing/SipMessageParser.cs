using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.Parsing;

/// <summary>
/// Parses one complete SIP message (RFC 3261 §7, §25). Works on bytes; header values of the result are slices of
/// <c>data</c>, which the caller must keep unchanged for the message's lifetime. Never throws for any input.
/// </summary>
public static class SipMessageParser
{
    /// <param name="data">One datagram, or one message framed from a stream.</param>
    /// <param name="limits">Limits to enforce.</param>
    /// <param name="isStream">Stream transports require Content-Length (RFC 3261 §18.3); for datagrams a missing one
    /// means "the rest of the datagram", and bytes after Content-Length are ignored.</param>
    public static SipParseResult Parse(ReadOnlyMemory<byte> data, SipLimits limits, bool isStream = false) =>
        throw new NotImplementedException("issue 2: parser");
}
