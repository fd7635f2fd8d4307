namespace Lyrebird.Sip.UserAgent.Authentication;

public enum AuthenticationOutcome
{
    /// <summary>Credentials verified; <see cref="AuthenticationResult.Username"/> is the user.</summary>
    Authenticated,

    /// <summary>No usable credentials: answer 401/407 with a fresh challenge.</summary>
    Challenge,

    /// <summary>The nonce expired: answer 401/407 with a fresh challenge and <c>stale=true</c>.</summary>
    StaleChallenge,

    /// <summary>Wrong password or unknown user (indistinguishable on the wire): 403.</summary>
    Forbidden,

    /// <summary>The source address is cooling down after too many failures: 403 without checking.</summary>
    CoolingDown,

    /// <summary>Credentials that cannot be right for this request (uri differs from the Request-URI): 400.</summary>
    BadRequest,
}

public readonly record struct AuthenticationResult(AuthenticationOutcome Outcome, string? Username = null, string? Reason = null)
{
    public bool IsAuthenticated => Outcome == AuthenticationOutcome.Authenticated;
}
