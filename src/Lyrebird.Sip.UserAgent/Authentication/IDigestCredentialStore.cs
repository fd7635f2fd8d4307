namespace Lyrebird.Sip.UserAgent.Authentication;

/// <summary>Where the authenticator finds a user's stored HA1 (never a password).</summary>
public interface IDigestCredentialStore
{
    /// <summary>The HA1 for <paramref name="username"/> in <paramref name="realm"/> with <paramref name="algorithm"/>,
    /// or null when no such user exists.</summary>
    string? FindHa1(string username, string realm, DigestAlgorithm algorithm);
}
