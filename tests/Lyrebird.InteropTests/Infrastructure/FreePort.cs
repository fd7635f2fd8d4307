using System.Net;
using System.Net.Sockets;

namespace Lyrebird.InteropTests.Infrastructure;

/// <summary>Picks a port that is free for both UDP and TCP on 127.0.0.1 right now.</summary>
internal static class FreePort
{
    public static int Get()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            try
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // taken for UDP; try another
            }
        }

        throw new InvalidOperationException("no free port on 127.0.0.1");
    }
}
