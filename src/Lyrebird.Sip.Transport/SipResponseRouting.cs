using System.Net;
using Lyrebird.Sip.Headers;

namespace Lyrebird.Sip.Transport;

/// <summary>
/// Where a response goes when it cannot use the request's connection (RFC 3261 §18.2.2, RFC 3581 §4). The address is
/// <c>received</c>, else the sent-by host when it is an IP literal. <c>maddr</c> is ignored (multicast responses are
/// not supported), and a sent-by host name without <c>received</c> has no route: the transport stamps
/// <c>received</c> on every request whose sent-by is not its source address, so this only happens for Vias we did not
/// stamp.
/// </summary>
internal static class SipResponseRouting
{
    /// <summary>Unreliable transport: received (or sent-by) address, port from <c>rport</c> if filled in, else the
    /// sent-by port, else 5060. Without a parsable Via, the request's source address.</summary>
    public static IPEndPoint? Unreliable(SipVia? via, IPEndPoint requestSource)
    {
        if (via is null)
        {
            return requestSource;
        }

        var address = Address(via);
        return address is null ? null : new IPEndPoint(address, via.RPort ?? via.Port ?? SipTransportOptions.DefaultPort);
    }

    /// <summary>Reliable transport whose connection is gone: received (or sent-by) address and the sent-by port (the
    /// peer's listening port; its old source port is dead with the connection), else 5060.</summary>
    public static IPEndPoint? Reliable(SipVia? via, IPEndPoint requestSource)
    {
        if (via is null)
        {
            return requestSource;
        }

        var address = Address(via);
        return address is null ? null : new IPEndPoint(address, via.Port ?? SipTransportOptions.DefaultPort);
    }

    private static IPAddress? Address(SipVia via) => SipAddresses.TryParseHost(via.Received) ?? SipAddresses.TryParseHost(via.Host);
}
