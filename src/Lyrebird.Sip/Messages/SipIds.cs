using System.Security.Cryptography;

namespace Lyrebird.Sip.Messages;

/// <summary>Random identifiers: branch (RFC 3261 §8.1.1.7), tags (§19.3), Call-IDs (§8.1.1.4).</summary>
public static class SipIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A branch with the RFC 3261 magic cookie and 80 random bits.</summary>
    public static string NewBranch() => "z9hG4bK" + Random(16);

    /// <summary>A tag with at least 32 random bits (§19.3); 64 here.</summary>
    public static string NewTag() => Random(13);

    public static string NewCallId() => Random(24);

    private static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
