using System.Net;
using System.Text;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Parsing;
using Lyrebird.Sip.UserAgent.Authentication;
using Microsoft.Extensions.Time.Testing;

namespace Lyrebird.Sip.UserAgent.Tests;

public sealed class DigestAuthenticatorTests
{
    private const string Realm = "lyrebird";
    private static readonly IPAddress Phone = IPAddress.Parse("127.0.0.23");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
    private readonly DigestAuthenticator _authenticator;

    public DigestAuthenticatorTests()
    {
        _authenticator = new DigestAuthenticator(Realm, new NonceService(_time, TimeSpan.FromMinutes(5)), new Store(),
            new AuthenticationFailureTracker(_time, threshold: 10, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)));
    }

    private sealed class Store : IDigestCredentialStore
    {
        public string? FindHa1(string username, string realm, DigestAlgorithm algorithm) =>
            username == "201" ? DigestHash.Ha1(algorithm, "201", realm, "secret") : null;
    }

    private static SipRequest Register(string? authorization = null, string uri = "sip:127.0.0.1")
    {
        var text = $"REGISTER {uri} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.23:5060;branch=z9hG4bK{Guid.NewGuid():N}\r\n" +
                   "From: <sip:201@127.0.0.1>;tag=r1\r\nTo: <sip:201@127.0.0.1>\r\nCall-ID: reg-1\r\nCSeq: 1 REGISTER\r\nMax-Forwards: 70\r\n" +
                   (authorization is null ? "" : $"Authorization: {authorization}\r\n") + "Content-Length: 0\r\n\r\n";
        return Assert.IsType<SipRequest>(SipMessageParser.Parse(Encoding.UTF8.GetBytes(text), SipLimits.Default).Message);
    }

    private string Challenge(string algorithm)
    {
        var response = _authenticator.CreateRejection(Register(), new AuthenticationResult(AuthenticationOutcome.Challenge), proxy: false);
        return response.Headers.GetAll(HeaderId.WwwAuthenticate).Select(h => h.Value).Single(v => v.Contains($"algorithm={algorithm},", StringComparison.Ordinal));
    }

    private AuthenticationResult Answer(string challenge, string password, string username = "201", uint nc = 1, string uri = "sip:127.0.0.1", string requestUri = "sip:127.0.0.1") =>
        _authenticator.Authenticate(Register(DigestClient.CreateAuthorization(challenge, "REGISTER", uri, username, password, nc), requestUri), Phone, proxy: false);

    [Fact]
    public void Request_without_credentials_is_challenged_with_MD5_then_SHA_256_both_qop_auth()
    {
        var result = _authenticator.Authenticate(Register(), Phone, proxy: false);
        var response = _authenticator.CreateRejection(Register(), result, proxy: false);

        Assert.Equal(AuthenticationOutcome.Challenge, result.Outcome);
        Assert.Equal(401, response.StatusCode);
        var challenges = response.Headers.GetAll(HeaderId.WwwAuthenticate).Select(h => h.Value).ToList();
        Assert.Equal(2, challenges.Count);
        Assert.Contains("algorithm=MD5", challenges[0], StringComparison.Ordinal);
        Assert.Contains("algorithm=SHA-256", challenges[1], StringComparison.Ordinal);
        Assert.All(challenges, c => Assert.Contains("qop=\"auth\"", c, StringComparison.Ordinal));
        Assert.All(challenges, c => Assert.Contains("realm=\"lyrebird\"", c, StringComparison.Ordinal));
    }

    [Fact]
    public void A_site_can_offer_SHA_256_alone_and_then_MD5_credentials_are_challenged_again()
    {
        var strict = new DigestAuthenticator(Realm, new NonceService(_time, TimeSpan.FromMinutes(5)), new Store(),
            new AuthenticationFailureTracker(_time), [DigestAlgorithm.Sha256]);
        var challenge = Assert.Single(strict.ChallengeValues(stale: false));
        Assert.Contains("algorithm=SHA-256", challenge, StringComparison.Ordinal);

        var md5 = DigestClient.CreateAuthorization(challenge.Replace("SHA-256", "MD5", StringComparison.Ordinal), "REGISTER", "sip:127.0.0.1", "201", "secret");
        var sha = DigestClient.CreateAuthorization(challenge, "REGISTER", "sip:127.0.0.1", "201", "secret");

        Assert.Equal(AuthenticationOutcome.Challenge, strict.Authenticate(Register(md5), Phone, proxy: false).Outcome);
        Assert.Equal(AuthenticationOutcome.Authenticated, strict.Authenticate(Register(sha), Phone, proxy: false).Outcome);
    }

    [Fact]
    public void Proxy_challenge_is_407_with_Proxy_Authenticate()
    {
        var response = _authenticator.CreateRejection(Register(), new AuthenticationResult(AuthenticationOutcome.Challenge), proxy: true);

        Assert.Equal(407, response.StatusCode);
        Assert.Equal(2, response.Headers.CountOf(HeaderId.ProxyAuthenticate));
    }

    [Theory]
    [InlineData("SHA-256")]
    [InlineData("MD5")]
    public void Correct_password_authenticates_with_either_algorithm(string algorithm)
    {
        var result = Answer(Challenge(algorithm), "secret");

        Assert.Equal(AuthenticationOutcome.Authenticated, result.Outcome);
        Assert.Equal("201", result.Username);
    }

    [Fact]
    public void Wrong_password_and_unknown_user_get_the_same_403()
    {
        var wrong = Answer(Challenge("MD5"), "guess");
        var unknown = Answer(Challenge("MD5"), "secret", username: "299");

        Assert.Equal(AuthenticationOutcome.Forbidden, wrong.Outcome);
        Assert.Equal(AuthenticationOutcome.Forbidden, unknown.Outcome);
        Assert.Equal(_authenticator.CreateRejection(Register(), wrong, false).ToString(), _authenticator.CreateRejection(Register(), unknown, false).ToString());
    }

    [Fact]
    public void Expired_nonce_gets_a_new_challenge_marked_stale()
    {
        var challenge = Challenge("SHA-256");
        _time.Advance(TimeSpan.FromMinutes(6));

        var result = Answer(challenge, "secret");
        var response = _authenticator.CreateRejection(Register(), result, proxy: false);

        Assert.Equal(AuthenticationOutcome.StaleChallenge, result.Outcome);
        Assert.All(response.Headers.GetAll(HeaderId.WwwAuthenticate), h => Assert.Contains("stale=true", h.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Forged_nonce_is_not_accepted()
    {
        var challenge = Challenge("MD5");
        var forged = System.Text.RegularExpressions.Regex.Replace(challenge, "nonce=\"([^\"]+)\"", m => $"nonce=\"{m.Groups[1].Value[..^2]}AA\"");

        Assert.Equal(AuthenticationOutcome.Challenge, Answer(forged, "secret").Outcome);
    }

    [Fact]
    public void Replayed_nonce_count_is_refused_and_a_higher_one_accepted()
    {
        var challenge = Challenge("SHA-256");

        Assert.Equal(AuthenticationOutcome.Authenticated, Answer(challenge, "secret", nc: 1).Outcome);
        Assert.Equal(AuthenticationOutcome.Challenge, Answer(challenge, "secret", nc: 1).Outcome);
        Assert.Equal(AuthenticationOutcome.Authenticated, Answer(challenge, "secret", nc: 2).Outcome);
    }

    [Fact]
    public void Digest_uri_other_than_the_Request_URI_is_a_bad_request()
    {
        var result = Answer(Challenge("MD5"), "secret", uri: "sip:elsewhere.example.com");
        var response = _authenticator.CreateRejection(Register(), result, proxy: false);

        Assert.Equal(AuthenticationOutcome.BadRequest, result.Outcome);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("Digest URI Does Not Match Request-URI", response.ReasonPhrase);
    }

    [Fact]
    public void Ten_failures_within_a_minute_cool_the_address_down_even_for_the_right_password_then_it_recovers()
    {
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(AuthenticationOutcome.Forbidden, Answer(Challenge("MD5"), "guess" + i).Outcome);
        }

        var tenth = Answer(Challenge("MD5"), "guess");
        Assert.Equal("Cool-Down Started", tenth.Reason);

        var during = Answer(Challenge("MD5"), "secret");
        Assert.Equal(AuthenticationOutcome.CoolingDown, during.Outcome);
        Assert.Equal(403, _authenticator.CreateRejection(Register(), during, false).StatusCode);

        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Equal(AuthenticationOutcome.Authenticated, Answer(Challenge("MD5"), "secret").Outcome);
    }

    [Fact]
    public void Failures_spread_over_more_than_the_window_do_not_cool_down()
    {
        for (var i = 0; i < 15; i++)
        {
            Assert.Equal(AuthenticationOutcome.Forbidden, Answer(Challenge("MD5"), "guess").Outcome);
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(AuthenticationOutcome.Authenticated, Answer(Challenge("MD5"), "secret").Outcome);
    }

    [Fact]
    public void Unknown_authorization_scheme_is_treated_as_no_credentials()
    {
        var result = _authenticator.Authenticate(Register("NoOneKnowsThisScheme opaque-data=here"), Phone, proxy: false);

        Assert.Equal(AuthenticationOutcome.Challenge, result.Outcome);
    }

    [Fact]
    public void Known_RFC_2617_vector_computes_the_expected_response()
    {
        // RFC 2617 §3.5: Mufasa / "Circle Of Life" / testrealm@host.com, GET /dir/index.html.
        var challenge = "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";
        var authorization = DigestClient.CreateAuthorization(challenge, "GET", "/dir/index.html", "Mufasa", "Circle Of Life", 1, "0a4f113b");

        Assert.Contains("response=\"6629fae49393a05397450978507c4ef1\"", authorization, StringComparison.Ordinal);
    }
}
