using System.Globalization;

namespace Lyrebird.Sdp.Model;

/// <summary>
/// <c>a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;encoding parameters&gt;]</c> (RFC 4566 §6).
/// For audio the encoding parameters are the channel count (default 1).
/// </summary>
public sealed record RtpMap(int PayloadType, string EncodingName, int ClockRate, int Channels = 1)
{
    /// <summary>Parses the attribute value (the part after <c>a=rtpmap:</c>).</summary>
    public static bool TryParse(string value, out RtpMap rtpMap)
    {
        ArgumentNullException.ThrowIfNull(value);
        rtpMap = null!;
        var span = value.AsSpan().Trim();
        var space = span.IndexOf(' ');
        if (space <= 0 || !SdpNumber.TryParse(span[..space], 0, 127, out var pt))
        {
            return false;
        }

        var encoding = span[(space + 1)..].TrimStart();
        var slash = encoding.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        var name = encoding[..slash];
        var rest = encoding[(slash + 1)..];
        var channels = 1;
        var slash2 = rest.IndexOf('/');
        if (slash2 >= 0)
        {
            if (!SdpNumber.TryParse(rest[(slash2 + 1)..], 1, 255, out channels))
            {
                return false;
            }

            rest = rest[..slash2];
        }

        if (!SdpNumber.TryParse(rest, 1, int.MaxValue, out var clock) || name.ContainsAny(' ', '\t'))
        {
            return false;
        }

        rtpMap = new RtpMap(pt, name.ToString(), clock, channels);
        return true;
    }

    /// <summary>The attribute value, e.g. <c>0 PCMU/8000</c>; channels are written only when not 1.</summary>
    public string ToAttributeValue() => Channels == 1
        ? string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}")
        : string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}/{Channels}");

    public override string ToString() => ToAttributeValue();
}
