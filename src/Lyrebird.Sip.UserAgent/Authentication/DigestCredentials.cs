namespace Lyrebird.Sip.UserAgent.Authentication;

/// <summary>
/// The parameters of an <c>Authorization</c> / <c>Proxy-Authorization</c> header with the Digest scheme
/// (RFC 3261 §25.1 digest-response, RFC 7616 §3.4). Parameter names are case-insensitive; quoted values are unquoted.
/// </summary>
public sealed class DigestCredentials
{
    private readonly Dictionary<string, string> _parameters;

    private DigestCredentials(Dictionary<string, string> parameters) => _parameters = parameters;

    public string? Username => Get("username");

    public string? Realm => Get("realm");

    public string? Nonce => Get("nonce");

    public string? Uri => Get("uri");

    public string? Response => Get("response");

    public string? Algorithm => Get("algorithm");

    public string? CNonce => Get("cnonce");

    public string? Qop => Get("qop");

    public string? NonceCount => Get("nc");

    public string? Opaque => Get("opaque");

    public string? Get(string name) => _parameters.GetValueOrDefault(name);

    /// <summary>Parses a header value. Returns false for another scheme (RFC 4475 regaut01) or bad syntax.</summary>
    public static bool TryParse(string value, out DigestCredentials credentials)
    {
        credentials = null!;
        var text = value.AsSpan().Trim();
        if (!text.StartsWith("Digest", StringComparison.OrdinalIgnoreCase) || text.Length < 7 || !char.IsWhiteSpace(text[6]))
        {
            return false;
        }

        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 6;
        while (i < text.Length)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == ','))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var nameStart = i;
            while (i < text.Length && text[i] != '=' && !char.IsWhiteSpace(text[i]) && text[i] != ',')
            {
                i++;
            }

            var name = text[nameStart..i].ToString();
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (name.Length == 0 || i >= text.Length || text[i] != '=')
            {
                return false;
            }

            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            string parameterValue;
            if (i < text.Length && text[i] == '"')
            {
                var sb = new System.Text.StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var c = text[i++];
                    if (c == '\\' && i < text.Length)
                    {
                        sb.Append(text[i++]);
                    }
                    else if (c == '"')
                    {
                        closed = true;
                        break;
                    }
                    else
                    {
                        sb.Append(c);
                    }
                }

                if (!closed)
                {
                    return false;
                }

                parameterValue = sb.ToString();
            }
            else
            {
                var valueStart = i;
                while (i < text.Length && text[i] != ',' && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                parameterValue = text[valueStart..i].ToString();
            }

            if (!parameters.TryAdd(name, parameterValue))
            {
                return false; // a repeated parameter is ambiguous: reject
            }
        }

        credentials = new DigestCredentials(parameters);
        return true;
    }
}
