using Lyrebird.Core.Users;

namespace Lyrebird.Core.Storage;

/// <summary>The user directory. Implementations must tolerate another process (the CLI) changing users while the
/// server runs: readers see committed changes on their next call.</summary>
public interface IUserStore
{
    User? Find(string extension);

    IReadOnlyList<User> List();

    /// <summary>Adds a user; false when the extension exists.</summary>
    bool TryAdd(User user);

    /// <summary>Replaces a user; false when it does not exist.</summary>
    bool TryUpdate(User user);

    /// <summary>Removes a user and their bindings; false when it does not exist.</summary>
    bool Remove(string extension);
}
