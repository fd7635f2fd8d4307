using System.Globalization;
using System.Security.Cryptography;

namespace Lyrebird.Sip.UserAgent.Authentication;

/// <summary>
/// Client side of Digest (RFC 7616 §3.4): answers a challenge with an Authorization value. Used by Lyrebird's own
/// user agents (tests, the softphone) and to check the server side against an independent computation.
/// </summary>
public static class DigestClient
{
    /// <summary>Builds the credentials for <paramref name="challenge"/> (a WWW-Authenticate / Proxy-Authenticate value),
    /// or null when the challenge is not a Digest challenge with an algorithm we know.</summary>
    public static string? CreateAuthorization(string challenge, string method, string uri, string username, string password,
        uint nonceCount = 1, string? cnonce = null)
    {
        if (!DigestCredentials.TryParse(challenge, out var parameters) || parameters.Realm is null || parameters.Nonce is null
            || !DigestHash.TryParseToken(parameters.Algorithm, out var algorithm))
        {
            return null;
        }

        var ha1 = DigestHash.Ha1(algorithm, username, parameters.Realm, password);
        var ha2 = DigestHash.Hex(algorithm, $"{method}:{uri}");
        var offersAuth = parameters.Qop?.Split(',').Any(q => q.Trim().Equals("auth", StringComparison.OrdinalIgnoreCase)) == true;
        var algorithmToken = parameters.Algorithm is null ? "" : $", algorithm={algorithm.Token()}";
        var opaque = parameters.Opaque is null ? "" : $", opaque=\"{parameters.Opaque}\"";
        if (!offersAuth)
        {
            var plain = DigestHash.Hex(algorithm, $"{ha1}:{parameters.Nonce}:{ha2}");
            return $"Digest username=\"{username}\", realm=\"{parameters.Realm}\", nonce=\"{parameters.Nonce}\", uri=\"{uri}\", response=\"{plain}\"{algorithmToken}{opaque}";
        }

        cnonce ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var nc = nonceCount.ToString("x8", CultureInfo.InvariantCulture);
        var response = DigestHash.Hex(algorithm, $"{ha1}:{parameters.Nonce}:{nc}:{cnonce}:auth:{ha2}");
        return $"Digest username=\"{username}\", realm=\"{parameters.Realm}\", nonce=\"{parameters.Nonce}\", uri=\"{uri}\", " +
               $"response=\"{response}\"{algorithmToken}, qop=auth, nc={nc}, cnonce=\"{cnonce}\"{opaque}";
    }
}
