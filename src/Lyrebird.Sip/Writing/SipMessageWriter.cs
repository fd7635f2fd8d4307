using System.Buffers;
using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.Writing;

/// <summary>
/// Writes a message in canonical form: long header names, "Name: value", CRLF line ends, one line per header value
/// as stored, and a Content-Length header computed from the body (any stored Content-Length is replaced).
/// <c>Parse(Write(m))</c> equals <c>m</c>.
/// </summary>
public static class SipMessageWriter
{
    public static void Write(SipMessage message, IBufferWriter<byte> output) => throw new NotImplementedException("issue 2: writer");

    public static byte[] ToArray(SipMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Write(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
