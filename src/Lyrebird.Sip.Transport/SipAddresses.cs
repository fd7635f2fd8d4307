using System.Net;
using System.Net.Sockets;

namespace Lyrebird.Sip.Transport;

/// <summary>Address helpers: IPv4-mapped IPv6 addresses are normalised to IPv4 so that flow keys compare equal.</summary>
internal static class SipAddresses
{
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    public static IPEndPoint Normalize(IPEndPoint endpoint) =>
        endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint;

    /// <summary>Parses a Via/URI host that is an IP literal ("192.0.2.1", "[2001:db8::1]", or an unbracketed IPv6 in
    /// <c>received</c>); null for host names.</summary>
    public static IPAddress? TryParseHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }

        var span = host.AsSpan();
        if (span.Length > 2 && span[0] == '[' && span[^1] == ']')
        {
            span = span[1..^1];
        }

        if (!IPAddress.TryParse(span, out var address))
        {
            return null;
        }

        // IPAddress.TryParse accepts forms like "1" or "1.2"; a SIP IPv4 literal must be dotted-quad.
        if (address.AddressFamily == AddressFamily.InterNetwork && span.Count('.') != 3)
        {
            return null;
        }

        return Normalize(address);
    }

    /// <summary>The address as written in a <c>received</c> parameter: IPv6 without brackets or zone (RFC 3261 §20.42
    /// ABNF, RFC 5118 §4.5).</summary>
    public static string ToReceived(IPAddress address)
    {
        address = Normalize(address);
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
        {
            address = new IPAddress(address.GetAddressBytes());
        }

        return address.ToString();
    }
}
