using System.Globalization;

namespace Lyrebird.Sdp.Model;

/// <summary>
/// <c>a=rtcp:&lt;port&gt; [&lt;nettype&gt; &lt;addrtype&gt; &lt;connection-address&gt;]</c> (RFC 3605): RTCP is not on the
/// RTP port + 1, or not on the c= address.
/// </summary>
public sealed record RtcpAttribute(int Port, SdpConnection? Connection = null)
{
    public static bool TryParse(string value, out RtcpAttribute rtcp)
    {
        ArgumentNullException.ThrowIfNull(value);
        rtcp = null!;
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (1 or 4) || !SdpNumber.TryParse(parts[0], 0, 65535, out var port))
        {
            return false;
        }

        rtcp = new RtcpAttribute(port, parts.Length == 4 ? new SdpConnection(parts[1], parts[2], parts[3]) : null);
        return true;
    }

    public string ToAttributeValue() => Connection is null
        ? Port.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Port} {Connection.NetworkType} {Connection.AddressType} {Connection.Address}");
}
