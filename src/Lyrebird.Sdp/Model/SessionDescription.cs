namespace Lyrebird.Sdp.Model;

/// <summary>
/// A session description (RFC 4566 §5). Immutable and compared by value, so rewriting is done with <c>with</c>
/// expressions and <c>SdpParser.Parse(SdpWriter.Write(x))</c> equals <c>x</c>. The protocol version is always 0.
/// </summary>
public sealed record SessionDescription(SdpOrigin Origin, string SessionName)
{
    /// <summary>The session-level i= line.</summary>
    public string? Information { get; init; }

    /// <summary>The u= line.</summary>
    public string? Uri { get; init; }

    /// <summary>The e= lines.</summary>
    public ValueList<string> Emails { get; init; } = ValueList<string>.Empty;

    /// <summary>The p= lines.</summary>
    public ValueList<string> Phones { get; init; } = ValueList<string>.Empty;

    /// <summary>The session-level c= line; it applies to every m= line that has none.</summary>
    public SdpConnection? Connection { get; init; }

    public ValueList<SdpBandwidth> Bandwidths { get; init; } = ValueList<SdpBandwidth>.Empty;

    /// <summary>The t= lines with their r= lines. SIP calls use one <c>t=0 0</c>.</summary>
    public ValueList<SdpTiming> Timings { get; init; } = ValueList<SdpTiming>.Empty;

    /// <summary>The z= line, verbatim.</summary>
    public string? TimeZones { get; init; }

    /// <summary>The k= line, verbatim.</summary>
    public string? Key { get; init; }

    public ValueList<SdpAttribute> Attributes { get; init; } = ValueList<SdpAttribute>.Empty;

    /// <summary>Session-level lines of unknown types, written back after k= and before the a= lines.</summary>
    public ValueList<SdpLine> OtherLines { get; init; } = ValueList<SdpLine>.Empty;

    public ValueList<MediaDescription> Media { get; init; } = ValueList<MediaDescription>.Empty;

    /// <summary>The session-level direction attribute, or null.</summary>
    public MediaDirection? Direction
    {
        get
        {
            foreach (var a in Attributes)
            {
                if (a.Value is null && SdpAttributeNames.ToDirection(a.Name) is { } d)
                {
                    return d;
                }
            }

            return null;
        }
    }

    public SdpAttribute? GetAttribute(string name) => Attributes.FirstOrDefault(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The direction in force for <paramref name="media"/>: its own attribute, else the session's, else sendrecv (RFC 3264 §5.1).</summary>
    public MediaDirection EffectiveDirection(MediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Direction ?? Direction ?? MediaDirection.SendRecv;
    }

    /// <summary>The c= line in force for <paramref name="media"/>: its own, else the session's.</summary>
    public SdpConnection? ConnectionFor(MediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Connection ?? Connection;
    }
}
