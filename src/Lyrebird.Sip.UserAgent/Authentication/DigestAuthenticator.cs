using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Uris;

namespace Lyrebird.Sip.UserAgent.Authentication;

/// <summary>
/// Server side of SIP Digest authentication (RFC 3261 §22, RFC 7616, RFC 8760): challenges offer each configured
/// algorithm (MD5 and SHA-256 by default, one WWW-Authenticate / Proxy-Authenticate each, in the configured order),
/// all with <c>qop=auth</c>; nonces are signed and time-limited (<see cref="NonceService"/>); nonce-count replays
/// are refused; <c>uri</c> must match the Request-URI; unknown users and wrong passwords get the same 403 after the
/// same challenge, so extensions cannot be enumerated; repeated failures cool the source address down.
/// </summary>
/// <remarks>Thread-safe; stateless apart from the nonce counts and the failure tracker.</remarks>
/// <remarks>
/// Order matters in practice: RFC 8760 §2.4 asks clients to take the first challenge whose algorithm they support,
/// but many deployed phones and tools (SIPp 3.6, older desk-phone firmware) take the first challenge whatever it is
/// and fail on SHA-256. The default order is therefore MD5 first; a site whose phones all handle RFC 8760 can put
/// SHA-256 first or offer it alone.
/// </remarks>
public sealed class DigestAuthenticator(string realm, NonceService nonces, IDigestCredentialStore store, AuthenticationFailureTracker failures,
    IReadOnlyList<DigestAlgorithm>? algorithms = null)
{
    /// <summary>MD5 first for the widest interoperability (see remarks), then SHA-256.</summary>
    public static readonly IReadOnlyList<DigestAlgorithm> DefaultAlgorithms = [DigestAlgorithm.Md5, DigestAlgorithm.Sha256];

    public string Realm { get; } = realm;

    /// <summary>The algorithms challenged for, in order; credentials with another algorithm are challenged again.</summary>
    public IReadOnlyList<DigestAlgorithm> Algorithms { get; } = algorithms is { Count: > 0 } ? algorithms : DefaultAlgorithms;

    public AuthenticationFailureTracker Failures { get; } = failures;

    /// <summary>Checks the credentials of <paramref name="request"/>: <c>Authorization</c> for REGISTER (401) or
    /// <c>Proxy-Authorization</c> for other requests (407) as <paramref name="proxy"/> says.</summary>
    public AuthenticationResult Authenticate(SipRequest request, IPAddress source, bool proxy)
    {
        if (Failures.IsCoolingDown(source))
        {
            return new(AuthenticationOutcome.CoolingDown, Reason: "Too Many Failed Authentications");
        }

        var credentials = FindCredentials(request, proxy ? HeaderId.ProxyAuthorization : HeaderId.Authorization);
        if (credentials is null || credentials.Username is null || credentials.Response is null || credentials.Uri is null
            || !DigestHash.TryParseToken(credentials.Algorithm, out var algorithm) || !Algorithms.Contains(algorithm))
        {
            return new(AuthenticationOutcome.Challenge);
        }

        if (!UriMatches(credentials.Uri, request.RequestUri))
        {
            return new(AuthenticationOutcome.BadRequest, credentials.Username, "Digest URI Does Not Match Request-URI");
        }

        switch (nonces.Check(credentials.Nonce))
        {
            case NonceState.Invalid:
                return new(AuthenticationOutcome.Challenge);
            case NonceState.Stale:
                return new(AuthenticationOutcome.StaleChallenge);
        }

        var qop = credentials.Qop;
        uint count = 0;
        if (qop is not null && (!string.Equals(qop, "auth", StringComparison.OrdinalIgnoreCase) || credentials.CNonce is null
            || !uint.TryParse(credentials.NonceCount, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out count)))
        {
            return new(AuthenticationOutcome.Challenge); // we offer qop=auth only
        }

        var ha1 = store.FindHa1(credentials.Username, Realm, algorithm);
        var expected = ha1 is null ? null : ExpectedResponse(algorithm, ha1, credentials, request.Method);
        if (expected is null || !FixedTimeEquals(expected, credentials.Response))
        {
            var coolDownStarted = Failures.RecordFailure(source);
            return new(AuthenticationOutcome.Forbidden, credentials.Username, coolDownStarted ? "Cool-Down Started" : null);
        }

        if (qop is not null && !nonces.TryUseCount(credentials.Nonce!, count))
        {
            return new(AuthenticationOutcome.Challenge, credentials.Username, "Nonce Count Replayed");
        }

        return new(AuthenticationOutcome.Authenticated, credentials.Username);
    }

    /// <summary>The WWW-Authenticate / Proxy-Authenticate values, one per algorithm in <see cref="Algorithms"/> order.</summary>
    public IEnumerable<string> ChallengeValues(bool stale)
    {
        var staleParameter = stale ? ", stale=true" : "";
        foreach (var algorithm in Algorithms)
        {
            yield return $"Digest realm=\"{Realm}\", nonce=\"{nonces.Create()}\", algorithm={algorithm.Token()}, qop=\"auth\"{staleParameter}";
        }
    }

    /// <summary>The response a failed <see cref="Authenticate"/> calls for (401/407 challenge, 403, 400).</summary>
    public SipResponse CreateRejection(SipRequest request, AuthenticationResult result, bool proxy)
    {
        switch (result.Outcome)
        {
            case AuthenticationOutcome.Challenge or AuthenticationOutcome.StaleChallenge:
                var challenge = SipResponseFactory.Create(request, proxy ? SipStatusCodes.ProxyAuthenticationRequired : SipStatusCodes.Unauthorized);
                foreach (var value in ChallengeValues(result.Outcome == AuthenticationOutcome.StaleChallenge))
                {
                    challenge.Headers.Add(proxy ? HeaderId.ProxyAuthenticate : HeaderId.WwwAuthenticate, value);
                }

                return challenge;
            case AuthenticationOutcome.BadRequest:
                return SipResponseFactory.Create(request, SipStatusCodes.BadRequest, result.Reason);
            case AuthenticationOutcome.CoolingDown:
                return SipResponseFactory.Create(request, SipStatusCodes.Forbidden, "Too Many Failed Authentications");
            default:
                return SipResponseFactory.Create(request, SipStatusCodes.Forbidden);
        }
    }

    private DigestCredentials? FindCredentials(SipRequest request, HeaderId header)
    {
        DigestCredentials? any = null;
        foreach (var value in request.Headers.GetAll(header))
        {
            if (DigestCredentials.TryParse(value.Value, out var credentials))
            {
                if (string.Equals(credentials.Realm, Realm, StringComparison.Ordinal))
                {
                    return credentials;
                }

                any ??= credentials;
            }
        }

        return any is { Realm: null } ? any : null;
    }

    private static string ExpectedResponse(DigestAlgorithm algorithm, string ha1, DigestCredentials credentials, string method)
    {
        var ha2 = DigestHash.Hex(algorithm, $"{method}:{credentials.Uri}");
        return credentials.Qop is null
            ? DigestHash.Hex(algorithm, $"{ha1}:{credentials.Nonce}:{ha2}")
            : DigestHash.Hex(algorithm, $"{ha1}:{credentials.Nonce}:{credentials.NonceCount}:{credentials.CNonce}:{credentials.Qop}:{ha2}");
    }

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual.ToLowerInvariant()));

    private static bool UriMatches(string digestUri, SipUri requestUri) =>
        string.Equals(digestUri, requestUri.ToString(), StringComparison.OrdinalIgnoreCase)
        || (SipUri.TryParse(digestUri, out var parsed) && parsed.Matches(requestUri));
}
