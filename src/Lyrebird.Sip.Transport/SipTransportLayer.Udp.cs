using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Parsing;

namespace Lyrebird.Sip.Transport;

/// <summary>UDP: one receive loop per socket into one pooled buffer of MaxMessageBytes + 1; each datagram is copied
/// into an exact-size array for the parser (the message keeps slices of it).</summary>
public sealed partial class SipTransportLayer
{
    private static readonly SearchValues<byte> KeepAliveBytes = SearchValues.Create("\r\n \t\0"u8);

    private async Task RunUdpReceiveLoopAsync(SipUdpListener listener)
    {
        await Task.Yield();
        var size = _limits.MaxMessageBytes + 1; // one byte more tells us a datagram was over the limit
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                SocketReceiveMessageFromResult received;
                try
                {
                    received = await listener.Socket.ReceiveMessageFromAsync(buffer.AsMemory(0, size), SocketFlags.None, listener.AnyRemote, _stopping.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
                {
                    break;
                }
                catch (SocketException ex)
                {
                    if (_stopping.IsCancellationRequested)
                    {
                        break;
                    }

                    // e.g. ICMP port unreachable reported on the socket (ConnectionReset): a network condition.
                    SipTransportLog.NetworkError(_logger, "UDP", listener.Bound, ex);
                    continue;
                }

                try
                {
                    await OnDatagramAsync(listener, buffer, received);
                }
                catch (Exception ex)
                {
                    ReportBug("udp-datagram", ex);
                }
            }
        }
        catch (Exception ex)
        {
            ReportBug("udp-loop", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask OnDatagramAsync(SipUdpListener listener, byte[] buffer, SocketReceiveMessageFromResult received)
    {
        var length = received.ReceivedBytes;
        var datagram = buffer.AsSpan(0, length);

        // CRLF (and NUL) keep-alives some phones send over UDP are ignored, not answered and not counted.
        if (length == 0 || !datagram.ContainsAnyExcept(KeepAliveBytes))
        {
            return;
        }

        var remote = SipAddresses.Normalize((IPEndPoint)received.RemoteEndPoint);
        var local = listener.IsWildcard && received.PacketInformation.Address is { } to
            ? new IPEndPoint(SipAddresses.Normalize(to), listener.Bound.Port)
            : listener.Bound;
        var flow = new SipFlow(SipTransportKind.Udp, local, remote);

        if (length > _limits.MaxMessageBytes || (received.SocketFlags & SocketFlags.Truncated) != 0)
        {
            // Over the limit: answer 513 when the header section is complete and names a request (RFC 3261 §18.1.1).
            var end = datagram.IndexOf("\r\n\r\n"u8);
            var salvage = end > 0 ? SalvageHeaderSection(datagram[..(end + 4)].ToArray()) : null;
            await RejectAsync(SipRejectReason.MessageTooLarge, HeaderId.Unknown, salvage, isResponse: salvage is null && LooksLikeResponse(datagram), length, flow);
            return;
        }

        await IngestAsync(datagram.ToArray(), flow);
    }

    private static bool LooksLikeResponse(ReadOnlySpan<byte> data) => data.StartsWith("SIP/"u8);

    private async ValueTask<bool> SendUdpAsync(ReadOnlyMemory<byte> data, IPEndPoint? local, IPEndPoint remote, CancellationToken cancellationToken)
    {
        var listener = FindUdpListener(local, remote.AddressFamily);
        if (listener is null)
        {
            SipTransportLog.NoUdpSocket(_logger, remote);
            return false;
        }

        try
        {
            await listener.Socket.SendToAsync(data, SocketFlags.None, remote, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            SipTransportLog.SendFailed(_logger, "UDP", remote, ex);
            return false;
        }
    }

    /// <summary>The socket whose bound address is <paramref name="local"/>, else a wildcard socket on its port, else any
    /// socket of the family.</summary>
    private SipUdpListener? FindUdpListener(IPEndPoint? local, AddressFamily family)
    {
        SipUdpListener? samePort = null;
        SipUdpListener? sameFamily = null;
        foreach (var listener in _udpListeners)
        {
            if (listener.Bound.AddressFamily != family)
            {
                continue;
            }

            if (local is not null && listener.Bound.Port == local.Port)
            {
                if (listener.Bound.Address.Equals(SipAddresses.Normalize(local.Address)))
                {
                    return listener;
                }

                if (listener.IsWildcard)
                {
                    samePort ??= listener;
                }
            }

            sameFamily ??= listener;
        }

        return samePort ?? sameFamily;
    }
}
