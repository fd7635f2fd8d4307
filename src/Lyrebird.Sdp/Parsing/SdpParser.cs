using System.Globalization;
using System.Text;
using Lyrebird.Sdp.Model;

namespace Lyrebird.Sdp.Parsing;

/// <summary>
/// Parses a session description (RFC 4566). Tolerant of what does not matter: LF-only line ends, trailing
/// whitespace, blank lines, a missing s= line, lines in a non-canonical order within a level, unknown line types and
/// attributes (all kept). Strict about what does: <c>v=0</c> first, one well-formed o= line, well-formed m=, c=, b=, t=
/// lines, numbers in range, well-formed a=rtpmap/a=rtcp/a=ptime/a=maxptime, and a c= line in force for every active
/// stream. Never throws for bad input: the result carries a specific message naming the line.
/// </summary>
public static class SdpParser
{
    private const int MaxEchoLength = 32;

    /// <summary>Parses a UTF-8 body (RFC 4566 §5: SDP text is UTF-8 unless a=charset says otherwise).</summary>
    public static SdpResult<SessionDescription> Parse(ReadOnlySpan<byte> utf8) => Parse(Encoding.UTF8.GetString(utf8));

    public static SdpResult<SessionDescription> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var state = new ParseState();
        var lineNumber = 0;
        var sawVersion = false;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine.TrimEnd(" \t\r");
            if (line.IsEmpty)
            {
                continue;
            }

            if (line.Length < 2 || line[1] != '=' || line[0] is < 'a' or > 'z')
            {
                return Fail(state, lineNumber, $"expected '<type>=<value>' but got {Quote(line)}");
            }

            var type = line[0];
            var value = line[2..].ToString();
            if (!sawVersion)
            {
                if (type != 'v')
                {
                    return Fail(state, lineNumber, $"SDP must start with v=0, not {Quote(line)}");
                }

                if (value != "0")
                {
                    return Fail(state, lineNumber, $"unsupported protocol version {Quote(value)} (only v=0 exists)");
                }

                sawVersion = true;
                continue;
            }

            var error = state.Media is null ? state.SessionLine(type, value) : state.MediaLine(type, value);
            if (error is not null)
            {
                return Fail(state, lineNumber, error);
            }
        }

        if (!sawVersion)
        {
            return SdpResult<SessionDescription>.Fail(SdpErrorKind.Syntax, "empty SDP: expected v=0");
        }

        return state.Finish();
    }

    internal static string Quote(ReadOnlySpan<char> token) =>
        token.Length <= MaxEchoLength ? "'" + token.ToString() + "'" : "'" + token[..MaxEchoLength].ToString() + "…'";

    private static SdpResult<SessionDescription> Fail(ParseState state, int lineNumber, string message) =>
        SdpResult<SessionDescription>.Fail(SdpErrorKind.Syntax, state.Media is null
            ? $"line {lineNumber}: {message}"
            : $"m= line {state.MediaCount}: {message}");

    private sealed class ParseState
    {
        private readonly List<MediaDescription> media = [];
        private readonly List<SdpTiming> timings = [];
        private SessionDescription session = new(new SdpOrigin("", "", 0, "", "", ""), "");
        private bool sawOrigin;
        private bool sawName;
        private List<string>? currentRepeats;

        public MediaDescription? Media { get; private set; }

        public int MediaCount => media.Count + (Media is null ? 0 : 1);

        public string? SessionLine(char type, string value)
        {
            switch (type)
            {
                case 'o':
                    if (sawOrigin)
                    {
                        return "duplicate o= line";
                    }

                    sawOrigin = true;
                    return ParseOrigin(value);
                case 's':
                    if (sawName)
                    {
                        return "duplicate s= line";
                    }

                    sawName = true;
                    session = session with { SessionName = value };
                    return null;
                case 'i':
                    if (session.Information is not null)
                    {
                        return "duplicate i= line";
                    }

                    session = session with { Information = value };
                    return null;
                case 'u':
                    if (session.Uri is not null)
                    {
                        return "duplicate u= line";
                    }

                    session = session with { Uri = value };
                    return null;
                case 'e':
                    session = session with { Emails = session.Emails.Add(value) };
                    return null;
                case 'p':
                    session = session with { Phones = session.Phones.Add(value) };
                    return null;
                case 'c':
                    if (session.Connection is not null)
                    {
                        return "duplicate session-level c= line";
                    }

                    if (!TryParseConnection(value, out var connection, out var cError))
                    {
                        return cError;
                    }

                    session = session with { Connection = connection };
                    return null;
                case 'b':
                    if (!TryParseBandwidth(value, out var bandwidth, out var bError))
                    {
                        return bError;
                    }

                    session = session with { Bandwidths = session.Bandwidths.Add(bandwidth) };
                    return null;
                case 't':
                    return ParseTiming(value);
                case 'r':
                    if (currentRepeats is null)
                    {
                        return "r= line without a preceding t= line";
                    }

                    currentRepeats.Add(value);
                    return null;
                case 'z':
                    if (session.TimeZones is not null)
                    {
                        return "duplicate z= line";
                    }

                    session = session with { TimeZones = value };
                    return null;
                case 'k':
                    if (session.Key is not null)
                    {
                        return "duplicate k= line";
                    }

                    session = session with { Key = value };
                    return null;
                case 'a':
                    if (!TryParseAttribute(value, out var attribute, out var aError))
                    {
                        return aError;
                    }

                    session = session with { Attributes = session.Attributes.Add(attribute) };
                    return null;
                case 'm':
                    FlushTiming();
                    return StartMedia(value);
                case 'v':
                    return "duplicate v= line";
                default:
                    session = session with { OtherLines = session.OtherLines.Add(new SdpLine(type, value)) };
                    return null;
            }
        }

        public string? MediaLine(char type, string value)
        {
            var m = Media!;
            switch (type)
            {
                case 'm':
                    media.Add(m);
                    return StartMedia(value);
                case 'i':
                    if (m.Title is not null)
                    {
                        return "duplicate i= line";
                    }

                    Media = m with { Title = value };
                    return null;
                case 'c':
                    if (m.Connection is not null)
                    {
                        return "more than one c= line (multicast layering is not supported)";
                    }

                    if (!TryParseConnection(value, out var connection, out var cError))
                    {
                        return cError;
                    }

                    Media = m with { Connection = connection };
                    return null;
                case 'b':
                    if (!TryParseBandwidth(value, out var bandwidth, out var bError))
                    {
                        return bError;
                    }

                    Media = m with { Bandwidths = m.Bandwidths.Add(bandwidth) };
                    return null;
                case 'k':
                    if (m.Key is not null)
                    {
                        return "duplicate k= line";
                    }

                    Media = m with { Key = value };
                    return null;
                case 'a':
                    if (!TryParseAttribute(value, out var attribute, out var aError))
                    {
                        return aError;
                    }

                    Media = m with { Attributes = m.Attributes.Add(attribute) };
                    return null;
                case 'v' or 'o' or 's' or 'u' or 'e' or 'p' or 't' or 'r' or 'z':
                    return $"{type}= is a session-level line and cannot follow an m= line";
                default:
                    Media = m with { OtherLines = m.OtherLines.Add(new SdpLine(type, value)) };
                    return null;
            }
        }

        public SdpResult<SessionDescription> Finish()
        {
            FlushTiming();
            if (Media is not null)
            {
                media.Add(Media);
                Media = null;
            }

            if (!sawOrigin)
            {
                return SdpResult<SessionDescription>.Fail(SdpErrorKind.Syntax, "missing o= line");
            }

            for (var i = 0; i < media.Count; i++)
            {
                if (!media[i].IsRejected && media[i].Connection is null && session.Connection is null)
                {
                    return SdpResult<SessionDescription>.Fail(SdpErrorKind.Syntax, $"m= line {i + 1}: no c= line at session or media level");
                }
            }

            return SdpResult<SessionDescription>.Ok(session with { Timings = timings.ToValueList(), Media = media.ToValueList() });
        }

        private string? ParseOrigin(string value)
        {
            var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 6)
            {
                return $"o= needs 6 fields '<username> <sess-id> <sess-version> <nettype> <addrtype> <address>', got {parts.Length}";
            }

            if (!SdpNumber.TryParseUnsigned(parts[1], out _))
            {
                return $"o= session id {Quote(parts[1])} is not a number";
            }

            if (!SdpNumber.TryParseUnsigned(parts[2], out var version))
            {
                return $"o= session version {Quote(parts[2])} is not a number";
            }

            session = session with { Origin = new SdpOrigin(parts[0], parts[1], version, parts[3], parts[4], parts[5]) };
            return null;
        }

        private string? ParseTiming(string value)
        {
            FlushTiming();
            var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                return $"t= needs '<start-time> <stop-time>', got {parts.Length} fields";
            }

            if (!SdpNumber.TryParseUnsigned(parts[0], out var start) || !SdpNumber.TryParseUnsigned(parts[1], out var stop))
            {
                return $"t= times {Quote(value)} are not numbers";
            }

            timings.Add(new SdpTiming(start, stop, ValueList<string>.Empty));
            currentRepeats = [];
            return null;
        }

        private void FlushTiming()
        {
            if (currentRepeats is { Count: > 0 })
            {
                timings[^1] = timings[^1] with { Repeats = currentRepeats.ToValueList() };
            }

            currentRepeats = null;
        }

        private string? StartMedia(string value)
        {
            var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);

            // Report errors against the m= line being started.
            Media = new MediaDescription("", 0, null, "", ValueList<string>.Empty);
            if (parts.Length < 4)
            {
                return $"expected '<media> <port> <proto> <format> ...', got {parts.Length} fields";
            }

            var portText = parts[1].AsSpan();
            int? count = null;
            var slash = portText.IndexOf('/');
            if (slash >= 0)
            {
                if (!SdpNumber.TryParse(portText[(slash + 1)..], out var c))
                {
                    return $"port count {Quote(portText[(slash + 1)..])} is not a number";
                }

                if (c is < 1 or > 65535)
                {
                    return $"port count {c.ToString(CultureInfo.InvariantCulture)} is out of range (1-65535)";
                }

                count = (int)c;
                portText = portText[..slash];
            }

            if (!SdpNumber.TryParse(portText, out var port))
            {
                return $"port {Quote(portText)} is not a number";
            }

            if (port > 65535)
            {
                return $"port {port.ToString(CultureInfo.InvariantCulture)} is out of range (0-65535)";
            }

            var protocol = parts[2];
            var isRtp = protocol.Contains("RTP/", StringComparison.OrdinalIgnoreCase);
            var formats = parts.AsSpan(3);
            if (isRtp)
            {
                foreach (var f in formats)
                {
                    if (!SdpNumber.TryParse(f, 0, 127, out _))
                    {
                        return $"format {Quote(f)} is not an RTP payload type (0-127)";
                    }
                }
            }

            Media = new MediaDescription(parts[0], (int)port, count, protocol, formats.ToArray().ToValueList());
            return null;
        }

        private static bool TryParseConnection(string value, out SdpConnection connection, out string? error)
        {
            var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            connection = null!;
            if (parts.Length != 3)
            {
                error = $"c= needs '<nettype> <addrtype> <address>', got {parts.Length} fields";
                return false;
            }

            connection = new SdpConnection(parts[0], parts[1], parts[2]);
            error = null;
            return true;
        }

        private static bool TryParseBandwidth(string value, out SdpBandwidth bandwidth, out string? error)
        {
            bandwidth = null!;
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                error = $"b= {Quote(value)} is malformed (expected '<bwtype>:<bandwidth>')";
                return false;
            }

            if (!SdpNumber.TryParse(value.AsSpan(colon + 1).Trim(), out var bw))
            {
                error = $"b= bandwidth {Quote(value.AsSpan(colon + 1))} is not a number";
                return false;
            }

            bandwidth = new SdpBandwidth(value[..colon], bw);
            error = null;
            return true;
        }

        private static bool TryParseAttribute(string value, out SdpAttribute attribute, out string? error)
        {
            attribute = null!;
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? value : value[..colon];
            var attributeValue = colon < 0 ? null : value[(colon + 1)..];
            if (name.Length == 0 || name.Contains(' ', StringComparison.Ordinal))
            {
                error = $"a= line {Quote(value)} has no valid attribute name";
                return false;
            }

            error = name.ToLowerInvariant() switch
            {
                SdpAttributeNames.RtpMap when attributeValue is null || !RtpMap.TryParse(attributeValue, out _) =>
                    $"a=rtpmap {Quote(attributeValue)} is malformed (expected '<payload type> <encoding>/<clock rate>[/<channels>]')",
                SdpAttributeNames.Fmtp when attributeValue is null || !Fmtp.TryParse(attributeValue, out _) =>
                    $"a=fmtp {Quote(attributeValue)} is malformed (expected '<format> <parameters>')",
                SdpAttributeNames.Rtcp when attributeValue is null || !RtcpAttribute.TryParse(attributeValue, out _) =>
                    $"a=rtcp {Quote(attributeValue)} is malformed (expected '<port> [IN IP4 <address>]')",
                SdpAttributeNames.Ptime or SdpAttributeNames.MaxPtime
                    when attributeValue is null || !SdpNumber.TryParse(attributeValue.AsSpan().Trim(), 0, 100_000, out _) =>
                    $"a={name} {Quote(attributeValue)} is not a number of milliseconds",
                _ => null,
            };
            if (error is not null)
            {
                return false;
            }

            attribute = new SdpAttribute(name, attributeValue);
            return true;
        }
    }
}
