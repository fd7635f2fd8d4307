using Lyrebird.Core.Security;
using Lyrebird.Core.Users;
using Lyrebird.Sip.UserAgent.Authentication;
using Lyrebird.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Lyrebird.Core.Tests;

public sealed class UserDirectoryTests : IDisposable
{
    private readonly TempDataDirectory _data = new();
    private readonly UserDirectory _users;

    public UserDirectoryTests() =>
        _users = new UserDirectory(new SqliteUserStore(new SqliteDatabase(_data.Path)), "lyrebird", new FakeTimeProvider(), ["9999", "recorder"]);

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Added_user_is_stored_with_HA1_values_and_a_PBKDF2_web_hash_never_the_passwords()
    {
        var change = _users.Add("201", "sip-secret", webPassword: "web-secret", displayName: "Alice", isAdmin: true, policy: RecordingPolicy.Always);

        Assert.True(change.Success, change.Error);
        var user = _users.Find("201")!;
        Assert.Equal("Alice", user.DisplayName);
        Assert.True(user.IsAdmin);
        Assert.Equal(RecordingPolicy.Always, user.RecordingPolicy);
        Assert.Equal(DigestHash.Ha1(DigestAlgorithm.Md5, "201", "lyrebird", "sip-secret"), user.Ha1Md5);
        Assert.Equal(DigestHash.Ha1(DigestAlgorithm.Sha256, "201", "lyrebird", "sip-secret"), user.Ha1Sha256);
        Assert.StartsWith("pbkdf2-sha256$600000$", user.WebPasswordHash, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify("web-secret", user.WebPasswordHash!));
        Assert.False(PasswordHasher.Verify("sip-secret", user.WebPasswordHash!));

        var file = File.ReadAllBytes(Path.Combine(_data.Path, SqliteDatabase.FileName));
        Assert.DoesNotContain("sip-secret", System.Text.Encoding.UTF8.GetString(file), StringComparison.Ordinal);
        Assert.DoesNotContain("web-secret", System.Text.Encoding.UTF8.GetString(file), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "pw", "extension '' must be 1-32 letters, digits, '.', '-' or '_'")]
    [InlineData("20 1", "pw", "extension '20 1' must be 1-32 letters, digits, '.', '-' or '_'")]
    [InlineData("201", "", "the SIP password must not be empty")]
    [InlineData("9999", "pw", "extension 9999 is reserved (a recorder URI)")]
    [InlineData("Recorder", "pw", "extension Recorder is reserved (a recorder URI)")]
    public void Invalid_user_is_refused_with_a_one_line_reason(string extension, string password, string error)
    {
        var change = _users.Add(extension, password);

        Assert.False(change.Success);
        Assert.Equal(error, change.Error);
    }

    [Fact]
    public void Duplicate_extension_is_refused()
    {
        Assert.True(_users.Add("201", "a").Success);

        var change = _users.Add("201", "b");

        Assert.Equal("extension 201 already exists", change.Error);
        Assert.Equal(DigestHash.Ha1(DigestAlgorithm.Md5, "201", "lyrebird", "a"), _users.Find("201")!.Ha1Md5);
    }

    [Fact]
    public void Update_changes_only_the_given_fields()
    {
        _users.Add("201", "a", displayName: "Alice");

        var change = _users.Update("201", password: "b", policy: RecordingPolicy.Never);

        Assert.True(change.Success, change.Error);
        var user = _users.Find("201")!;
        Assert.Equal("Alice", user.DisplayName);
        Assert.Equal(RecordingPolicy.Never, user.RecordingPolicy);
        Assert.Equal(DigestHash.Ha1(DigestAlgorithm.Sha256, "201", "lyrebird", "b"), _users.FindHa1("201", "lyrebird", DigestAlgorithm.Sha256));
    }

    [Fact]
    public void Remove_deletes_and_a_second_remove_says_it_does_not_exist()
    {
        _users.Add("201", "a");

        Assert.True(_users.Remove("201").Success);
        Assert.Null(_users.Find("201"));
        Assert.Equal("extension 201 does not exist", _users.Remove("201").Error);
    }

    [Fact]
    public void A_second_directory_on_the_same_folder_sees_changes_at_once()
    {
        var other = new UserDirectory(new SqliteUserStore(new SqliteDatabase(_data.Path)), "lyrebird", new FakeTimeProvider());

        other.Add("202", "pw");

        Assert.NotNull(_users.Find("202"));
        Assert.Equal(["202"], _users.List().Select(u => u.Extension));
    }

    [Fact]
    public void HA1_lookup_is_null_for_unknown_users_and_other_realms()
    {
        _users.Add("201", "a");

        Assert.Null(_users.FindHa1("299", "lyrebird", DigestAlgorithm.Md5));
        Assert.Null(_users.FindHa1("201", "other-realm", DigestAlgorithm.Md5));
    }

    [Fact]
    public void Recording_policy_numbers_are_stable()
    {
        Assert.Equal(0, (int)RecordingPolicy.OnDemand);
        Assert.Equal(1, (int)RecordingPolicy.Never);
        Assert.Equal(2, (int)RecordingPolicy.Always);
    }
}
