using System.Globalization;
using System.Text;
using Lyrebird.Sdp.Model;

namespace Lyrebird.Sdp.Writing;

/// <summary>
/// Writes a session description with CRLF line ends in RFC 4566's order: session v o s i u e p c b t r z k a, then
/// for each stream m i c b k a. Lines of unknown types are written after k= and before a=. An empty session name is
/// written as <c>s= </c> (RFC 4566 §5.3). <c>SdpParser.Parse(Write(x))</c> equals <c>x</c>.
/// </summary>
public static class SdpWriter
{
    public static string Write(SessionDescription sdp)
    {
        ArgumentNullException.ThrowIfNull(sdp);
        var sb = new StringBuilder(512);
        Line(sb, 'v', "0");
        var o = sdp.Origin;
        Line(sb, 'o', string.Create(CultureInfo.InvariantCulture, $"{o.Username} {o.SessionId} {o.SessionVersion} {o.NetworkType} {o.AddressType} {o.Address}"));
        Line(sb, 's', sdp.SessionName.Length == 0 ? " " : sdp.SessionName);
        Optional(sb, 'i', sdp.Information);
        Optional(sb, 'u', sdp.Uri);
        foreach (var e in sdp.Emails)
        {
            Line(sb, 'e', e);
        }

        foreach (var p in sdp.Phones)
        {
            Line(sb, 'p', p);
        }

        Connection(sb, sdp.Connection);
        Bandwidths(sb, sdp.Bandwidths);
        foreach (var t in sdp.Timings)
        {
            Line(sb, 't', string.Create(CultureInfo.InvariantCulture, $"{t.Start} {t.Stop}"));
            foreach (var r in t.Repeats)
            {
                Line(sb, 'r', r);
            }
        }

        Optional(sb, 'z', sdp.TimeZones);
        Optional(sb, 'k', sdp.Key);
        Others(sb, sdp.OtherLines);
        Attributes(sb, sdp.Attributes);
        foreach (var m in sdp.Media)
        {
            sb.Append("m=").Append(m.Media).Append(' ').Append(m.Port.ToString(CultureInfo.InvariantCulture));
            if (m.PortCount is { } count)
            {
                sb.Append('/').Append(count.ToString(CultureInfo.InvariantCulture));
            }

            sb.Append(' ').Append(m.Protocol);
            foreach (var f in m.Formats)
            {
                sb.Append(' ').Append(f);
            }

            sb.Append("\r\n");
            Optional(sb, 'i', m.Title);
            Connection(sb, m.Connection);
            Bandwidths(sb, m.Bandwidths);
            Optional(sb, 'k', m.Key);
            Others(sb, m.OtherLines);
            Attributes(sb, m.Attributes);
        }

        return sb.ToString();
    }

    /// <summary>The UTF-8 bytes of <see cref="Write"/>, ready to be a SIP body (Content-Type: application/sdp).</summary>
    public static byte[] WriteUtf8(SessionDescription sdp) => Encoding.UTF8.GetBytes(Write(sdp));

    private static void Line(StringBuilder sb, char type, string value) => sb.Append(type).Append('=').Append(value).Append("\r\n");

    private static void Optional(StringBuilder sb, char type, string? value)
    {
        if (value is not null)
        {
            Line(sb, type, value);
        }
    }

    private static void Connection(StringBuilder sb, SdpConnection? c)
    {
        if (c is not null)
        {
            sb.Append("c=").Append(c.NetworkType).Append(' ').Append(c.AddressType).Append(' ').Append(c.Address).Append("\r\n");
        }
    }

    private static void Bandwidths(StringBuilder sb, ValueList<SdpBandwidth> bandwidths)
    {
        foreach (var b in bandwidths)
        {
            sb.Append("b=").Append(b.Type).Append(':').Append(b.Value.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }
    }

    private static void Others(StringBuilder sb, ValueList<SdpLine> lines)
    {
        foreach (var l in lines)
        {
            Line(sb, l.Type, l.Value);
        }
    }

    private static void Attributes(StringBuilder sb, ValueList<SdpAttribute> attributes)
    {
        foreach (var a in attributes)
        {
            sb.Append("a=").Append(a.Name);
            if (a.Value is not null)
            {
                sb.Append(':').Append(a.Value);
            }

            sb.Append("\r\n");
        }
    }
}
