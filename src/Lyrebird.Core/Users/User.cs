namespace Lyrebird.Core.Users;

/// <summary>
/// A user of the PBX: an extension with its SIP credentials (stored only as digest HA1 values for the configured
/// realm), a separate web password (stored only as a salted slow hash), an administrator flag and a recording policy.
/// </summary>
public sealed record User
{
    public required string Extension { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>Digest realm the HA1 values were computed for.</summary>
    public required string Realm { get; init; }

    /// <summary>MD5(extension:realm:password), lower-case hex.</summary>
    public required string Ha1Md5 { get; init; }

    /// <summary>SHA-256(extension:realm:password), lower-case hex.</summary>
    public required string Ha1Sha256 { get; init; }

    /// <summary>PBKDF2 hash of the web password (<see cref="Security.PasswordHasher"/> format), or null when the user
    /// has no web access.</summary>
    public string? WebPasswordHash { get; init; }

    public bool IsAdmin { get; init; }

    public RecordingPolicy RecordingPolicy { get; init; } = RecordingPolicy.OnDemand;

    public DateTimeOffset CreatedAt { get; init; }
}
