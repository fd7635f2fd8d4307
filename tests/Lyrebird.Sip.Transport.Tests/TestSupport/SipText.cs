using System.Text;

namespace Lyrebird.Sip.Transport.Tests.TestSupport;

/// <summary>Builds raw SIP text for tests.</summary>
internal static class SipText
{
    public static string Request(string method = "OPTIONS", string via = "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKtest1;rport",
        string callId = "call-1@test", string cseq = "1 OPTIONS", string? extraHeaders = null, string body = "", bool contentLength = true,
        string version = "SIP/2.0")
    {
        var sb = new StringBuilder();
        sb.Append(method).Append(" sip:bob@example.com ").Append(version).Append("\r\n");
        sb.Append("Via: ").Append(via).Append("\r\n");
        sb.Append("Max-Forwards: 70\r\n");
        sb.Append("From: Alice <sip:alice@example.com>;tag=from1\r\n");
        sb.Append("To: Bob <sip:bob@example.com>\r\n");
        if (callId.Length > 0)
        {
            sb.Append("Call-ID: ").Append(callId).Append("\r\n");
        }

        sb.Append("CSeq: ").Append(cseq).Append("\r\n");
        if (extraHeaders is not null)
        {
            sb.Append(extraHeaders);
        }

        if (contentLength)
        {
            sb.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body)).Append("\r\n");
        }

        sb.Append("\r\n").Append(body);
        return sb.ToString();
    }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>The value of the first header line named <paramref name="name"/> (exact, case-insensitive), or null.</summary>
    public static string? Header(string message, string name)
    {
        foreach (var line in message.Split("\r\n"))
        {
            if (line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    public static string StatusLine(string message) => message[..message.IndexOf("\r\n", StringComparison.Ordinal)];
}
