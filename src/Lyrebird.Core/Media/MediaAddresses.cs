using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Lyrebird.Core.Media;

/// <summary>Chooses the relay's bind and advertised addresses.</summary>
public static class MediaAddresses
{
    /// <summary>
    /// The advertised address: <paramref name="configured"/> when set; otherwise the SIP listen address; when that is a
    /// wildcard (0.0.0.0 / ::), the first up, non-loopback IPv4 address of this machine (loopback if there is none).
    /// The bind address is the SIP listen address when it is specific, else the wildcard (so that a configured
    /// public address behind NAT still receives on every interface).
    /// </summary>
    public static (IPAddress Bind, IPAddress Advertised) Resolve(string? configured, IPAddress? sipListenAddress)
    {
        var listen = sipListenAddress ?? IPAddress.Any;
        var specific = !listen.Equals(IPAddress.Any) && !listen.Equals(IPAddress.IPv6Any);
        var bind = specific ? listen : IPAddress.Any;
        if (!string.IsNullOrWhiteSpace(configured) && IPAddress.TryParse(configured.Trim(), out var advertised))
        {
            return (bind, advertised);
        }

        return (bind, specific ? listen : FirstNonLoopbackIPv4() ?? IPAddress.Loopback);
    }

    public static IPAddress? FirstNonLoopbackIPv4()
    {
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                {
                    continue;
                }

                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    if (unicast.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(unicast.Address))
                    {
                        return unicast.Address;
                    }
                }
            }
        }
        catch (NetworkInformationException)
        {
            // fall back to the caller's default
        }

        return null;
    }
}
