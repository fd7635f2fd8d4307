using System.Security.Cryptography;
using System.Text;

namespace Lyrebird.Sip.UserAgent.Authentication;

/// <summary>Digest hash algorithms (RFC 7616 §3.2, RFC 8760 for SIP). Persisted values are explicit.</summary>
public enum DigestAlgorithm : byte
{
    Md5 = 1,
    Sha256 = 2,
}

public static class DigestHash
{
    /// <summary>The token used in the <c>algorithm=</c> parameter.</summary>
    public static string Token(this DigestAlgorithm algorithm) => algorithm == DigestAlgorithm.Sha256 ? "SHA-256" : "MD5";

    public static bool TryParseToken(string? token, out DigestAlgorithm algorithm)
    {
        // RFC 3261 §22.4 / RFC 7616: absent algorithm means MD5.
        switch (token?.Trim('"').ToUpperInvariant())
        {
            case null or "" or "MD5":
                algorithm = DigestAlgorithm.Md5;
                return true;
            case "SHA-256":
                algorithm = DigestAlgorithm.Sha256;
                return true;
            default:
                algorithm = default;
                return false;
        }
    }

    /// <summary>Lower-case hex of H(text) with UTF-8 input.</summary>
    public static string Hex(DigestAlgorithm algorithm, string text)
    {
        var input = Encoding.UTF8.GetBytes(text);
        Span<byte> hash = stackalloc byte[32];
        var length = algorithm == DigestAlgorithm.Sha256 ? SHA256.HashData(input, hash) : MD5.HashData(input, hash);
        return Convert.ToHexStringLower(hash[..length]);
    }

    /// <summary>HA1 = H(username ":" realm ":" password), what the user directory stores instead of the password.</summary>
    public static string Ha1(DigestAlgorithm algorithm, string username, string realm, string password) =>
        Hex(algorithm, $"{username}:{realm}:{password}");
}
