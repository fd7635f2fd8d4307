using System.Net;
using System.Net.Sockets;

namespace Lyrebird.Sip.Transport;

/// <summary>One bound UDP socket and its receive loop.</summary>
internal sealed class SipUdpListener(Socket socket, IPEndPoint bound)
{
    public Socket Socket { get; } = socket;

    /// <summary>The bound address (may be 0.0.0.0 / ::).</summary>
    public IPEndPoint Bound { get; } = bound;

    /// <summary>The endpoint passed to ReceiveMessageFrom (its family selects the address type).</summary>
    public IPEndPoint AnyRemote { get; } = new(bound.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);

    public bool IsWildcard => Bound.Address.Equals(IPAddress.Any) || Bound.Address.Equals(IPAddress.IPv6Any);

    public Task? ReceiveLoop { get; set; }
}
