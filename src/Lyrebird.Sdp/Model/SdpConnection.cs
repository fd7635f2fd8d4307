using System.Net;
using System.Net.Sockets;

namespace Lyrebird.Sdp.Model;

/// <summary>
/// A c= line (RFC 4566 §5.7): <c>c=&lt;nettype&gt; &lt;addrtype&gt; &lt;connection-address&gt;</c>. The address is kept as
/// text (it may be a host name, or carry a multicast /ttl/count suffix).
/// </summary>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address)
{
    /// <summary>An <c>IN IP4</c>/<c>IN IP6</c> connection for <paramref name="address"/>.</summary>
    public static SdpConnection For(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new("IN", address.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4", address.ToString());
    }

    /// <summary>The RFC 2543 hold address <c>0.0.0.0</c> ("do not send to me"), still met in old phones' re-INVITEs.</summary>
    public bool IsRfc2543Hold => AddressType.Equals("IP4", StringComparison.OrdinalIgnoreCase) && Address == "0.0.0.0";

    /// <summary>The address as an <see cref="IPAddress"/>, or null when it is a host name or has a multicast suffix.</summary>
    public IPAddress? TryGetIPAddress() => IPAddress.TryParse(Address, out var ip) && !Address.Contains('/', StringComparison.Ordinal) ? ip : null;
}
