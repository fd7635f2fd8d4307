using Lyrebird.Core.Security;
using Lyrebird.Core.Storage;
using Lyrebird.Sip.UserAgent.Authentication;

namespace Lyrebird.Core.Users;

/// <summary>
/// Creates, changes and removes users with the rules every entry point shares (CLI today, web later): extension
/// syntax, non-empty passwords, reserved numbers, duplicates. Passwords are turned into digest HA1 values and a
/// PBKDF2 hash here and never stored in clear.
/// </summary>
public sealed class UserDirectory(IUserStore store, string realm, TimeProvider time, IReadOnlyCollection<string>? reservedExtensions = null)
    : IDigestCredentialStore
{
    /// <summary>Longest extension accepted.</summary>
    public const int MaxExtensionLength = 32;

    private readonly IReadOnlyCollection<string> _reserved = reservedExtensions ?? [];

    public string Realm { get; } = realm;

    public User? Find(string extension) => store.Find(extension);

    public IReadOnlyList<User> List() => store.List();

    public UserChange Add(string extension, string password, string? webPassword = null, string? displayName = null,
        bool isAdmin = false, RecordingPolicy policy = RecordingPolicy.OnDemand)
    {
        if (ValidateExtension(extension) is { } extensionError)
        {
            return UserChange.Failed(extensionError);
        }

        if (string.IsNullOrEmpty(password))
        {
            return UserChange.Failed("the SIP password must not be empty");
        }

        if (webPassword is { Length: 0 })
        {
            return UserChange.Failed("the web password must not be empty");
        }

        var user = new User
        {
            Extension = extension,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            Realm = Realm,
            Ha1Md5 = DigestHash.Ha1(DigestAlgorithm.Md5, extension, Realm, password),
            Ha1Sha256 = DigestHash.Ha1(DigestAlgorithm.Sha256, extension, Realm, password),
            WebPasswordHash = webPassword is null ? null : PasswordHasher.Hash(webPassword),
            IsAdmin = isAdmin,
            RecordingPolicy = policy,
            CreatedAt = time.GetUtcNow(),
        };
        return store.TryAdd(user) ? UserChange.Succeeded(user) : UserChange.Failed($"extension {extension} already exists");
    }

    /// <summary>Changes the given fields of an existing user; null leaves a field as it is.</summary>
    public UserChange Update(string extension, string? password = null, string? webPassword = null, string? displayName = null,
        bool? isAdmin = null, RecordingPolicy? policy = null)
    {
        if (store.Find(extension) is not { } user)
        {
            return UserChange.Failed($"extension {extension} does not exist");
        }

        if (password is { Length: 0 })
        {
            return UserChange.Failed("the SIP password must not be empty");
        }

        if (webPassword is { Length: 0 })
        {
            return UserChange.Failed("the web password must not be empty");
        }

        var updated = user with
        {
            DisplayName = displayName is null ? user.DisplayName : (displayName.Trim().Length == 0 ? null : displayName.Trim()),
            Realm = password is null ? user.Realm : Realm,
            Ha1Md5 = password is null ? user.Ha1Md5 : DigestHash.Ha1(DigestAlgorithm.Md5, extension, Realm, password),
            Ha1Sha256 = password is null ? user.Ha1Sha256 : DigestHash.Ha1(DigestAlgorithm.Sha256, extension, Realm, password),
            WebPasswordHash = webPassword is null ? user.WebPasswordHash : PasswordHasher.Hash(webPassword),
            IsAdmin = isAdmin ?? user.IsAdmin,
            RecordingPolicy = policy ?? user.RecordingPolicy,
        };
        return store.TryUpdate(updated) ? UserChange.Succeeded(updated) : UserChange.Failed($"extension {extension} does not exist");
    }

    public UserChange Remove(string extension) =>
        store.Remove(extension) ? UserChange.Succeeded(null) : UserChange.Failed($"extension {extension} does not exist");

    /// <summary>The HA1 for digest authentication; null for unknown users and for a realm the user was not created in.</summary>
    public string? FindHa1(string username, string realm, DigestAlgorithm algorithm)
    {
        var user = store.Find(username);
        if (user is null || !string.Equals(user.Realm, realm, StringComparison.Ordinal))
        {
            return null;
        }

        return algorithm == DigestAlgorithm.Sha256 ? user.Ha1Sha256 : user.Ha1Md5;
    }

    /// <summary>Extensions are 1–32 characters of letters, digits, '.', '-' and '_' (safe in a SIP user part and a file
    /// name), and not a reserved number such as a recorder URI.</summary>
    public string? ValidateExtension(string extension)
    {
        if (string.IsNullOrEmpty(extension) || extension.Length > MaxExtensionLength
            || !extension.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            return $"extension '{extension}' must be 1-{MaxExtensionLength} letters, digits, '.', '-' or '_'";
        }

        if (_reserved.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return $"extension {extension} is reserved (a recorder URI)";
        }

        return null;
    }
}

/// <summary>The result of a change to the directory: the user, or a one-line reason it failed.</summary>
public readonly record struct UserChange(bool Success, User? User, string? Error)
{
    public static UserChange Succeeded(User? user) => new(true, user, null);

    public static UserChange Failed(string error) => new(false, null, error);
}
