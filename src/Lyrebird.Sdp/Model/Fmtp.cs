namespace Lyrebird.Sdp.Model;

/// <summary><c>a=fmtp:&lt;format&gt; &lt;format specific parameters&gt;</c> (RFC 4566 §6). Parameters are kept as text.</summary>
public sealed record Fmtp(string Format, string Parameters)
{
    /// <summary>Parses the attribute value (the part after <c>a=fmtp:</c>).</summary>
    public static bool TryParse(string value, out Fmtp fmtp)
    {
        ArgumentNullException.ThrowIfNull(value);
        var span = value.AsSpan().Trim();
        var space = span.IndexOf(' ');
        var format = space < 0 ? span : span[..space];
        var parameters = space < 0 ? [] : span[(space + 1)..].Trim();
        fmtp = new Fmtp(format.ToString(), parameters.ToString());
        return !format.IsEmpty;
    }
}
