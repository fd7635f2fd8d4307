using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.Writing;

/// <summary>
/// Writes a message in canonical form: long header names, "Name: value", CRLF line ends, one line per header value
/// as stored, and a Content-Length header computed from the body (any stored Content-Length is replaced).
/// <c>Parse(Write(m))</c> equals <c>m</c>.
/// </summary>
public static class SipMessageWriter
{
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    private static ReadOnlySpan<byte> ColonSpace => ": "u8;

    public static void Write(SipMessage message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);

        // Start line.
        string? uri = null;
        int length;
        if (message is SipRequest request)
        {
            uri = request.RequestUri.ToString();
            length = Encoding.UTF8.GetByteCount(request.Method) + 1 + Encoding.UTF8.GetByteCount(uri) + 1 + message.Version.Length + 2;
        }
        else
        {
            var response = (SipResponse)message;
            length = message.Version.Length + 5 + Encoding.UTF8.GetByteCount(response.ReasonPhrase) + 2;
        }

        // Headers.
        var headers = message.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            if (header.Id == HeaderId.ContentLength)
            {
                continue;
            }

            var nameLength = header.Id == HeaderId.Unknown ? Encoding.UTF8.GetByteCount(header.Name) : KnownHeaders.NameBytesOf(header.Id).Length;
            length += nameLength + 2 + header.RawValue.Length + 2;
        }

        var body = message.Body.Span;
        length += "Content-Length: "u8.Length + 10 + 4 + body.Length;

        var span = output.GetSpan(length);
        var n = 0;
        if (message is SipRequest r)
        {
            n += Encoding.UTF8.GetBytes(r.Method, span[n..]);
            span[n++] = (byte)' ';
            n += Encoding.UTF8.GetBytes(uri!, span[n..]);
            span[n++] = (byte)' ';
            n += Encoding.ASCII.GetBytes(message.Version, span[n..]);
        }
        else
        {
            var response = (SipResponse)message;
            n += Encoding.ASCII.GetBytes(message.Version, span[n..]);
            span[n++] = (byte)' ';
            Utf8Formatter.TryFormat(response.StatusCode % 1000, span.Slice(n, 3), out var written, new StandardFormat('D', 3));
            n += written;
            span[n++] = (byte)' ';
            n += Encoding.UTF8.GetBytes(response.ReasonPhrase, span[n..]);
        }

        Crlf.CopyTo(span[n..]);
        n += 2;

        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            if (header.Id == HeaderId.ContentLength)
            {
                continue;
            }

            if (header.Id == HeaderId.Unknown)
            {
                n += Encoding.UTF8.GetBytes(header.Name, span[n..]);
            }
            else
            {
                var name = KnownHeaders.NameBytesOf(header.Id);
                name.CopyTo(span[n..]);
                n += name.Length;
            }

            ColonSpace.CopyTo(span[n..]);
            n += 2;
            header.RawValue.Span.CopyTo(span[n..]);
            n += header.RawValue.Length;
            Crlf.CopyTo(span[n..]);
            n += 2;
        }

        "Content-Length: "u8.CopyTo(span[n..]);
        n += "Content-Length: "u8.Length;
        Utf8Formatter.TryFormat(body.Length, span[n..], out var digits);
        n += digits;
        "\r\n\r\n"u8.CopyTo(span[n..]);
        n += 4;
        body.CopyTo(span[n..]);
        n += body.Length;
        output.Advance(n);
    }

    public static byte[] ToArray(SipMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Write(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
