using System.Globalization;
using Lyrebird.Core.Storage;
using Lyrebird.Core.Users;
using Microsoft.Data.Sqlite;

namespace Lyrebird.Storage.Sqlite;

/// <summary>Users in SQLite. Every call reads or writes the database, so changes made by another process (the CLI)
/// are seen at once.</summary>
public sealed class SqliteUserStore(SqliteDatabase database) : IUserStore
{
    private const string Columns = "extension, display_name, realm, ha1_md5, ha1_sha256, web_password_hash, is_admin, recording_policy, created_at";

    public User? Find(string extension)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM users WHERE extension = $extension";
        command.Parameters.AddWithValue("$extension", extension);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    public IReadOnlyList<User> List()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM users ORDER BY length(extension), extension";
        using var reader = command.ExecuteReader();
        var users = new List<User>();
        while (reader.Read())
        {
            users.Add(Read(reader));
        }

        return users;
    }

    public bool TryAdd(User user)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO users ({Columns}) VALUES ($extension, $display_name, $realm, $ha1_md5, $ha1_sha256, $web, $admin, $policy, $created) ON CONFLICT(extension) DO NOTHING";
        Bind(command, user);
        return command.ExecuteNonQuery() == 1;
    }

    public bool TryUpdate(User user)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET display_name = $display_name, realm = $realm, ha1_md5 = $ha1_md5, ha1_sha256 = $ha1_sha256, " +
                              "web_password_hash = $web, is_admin = $admin, recording_policy = $policy WHERE extension = $extension";
        Bind(command, user);
        return command.ExecuteNonQuery() == 1;
    }

    public bool Remove(string extension)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM bindings WHERE aor = $extension; DELETE FROM users WHERE extension = $extension;";
        command.Parameters.AddWithValue("$extension", extension);
        command.ExecuteNonQuery();
        using var changes = connection.CreateCommand();
        changes.Transaction = transaction;
        changes.CommandText = "SELECT changes()";
        var removed = (long)changes.ExecuteScalar()! == 1;
        transaction.Commit();
        return removed;
    }

    private static void Bind(SqliteCommand command, User user)
    {
        command.Parameters.AddWithValue("$extension", user.Extension);
        command.Parameters.AddWithValue("$display_name", (object?)user.DisplayName ?? DBNull.Value);
        command.Parameters.AddWithValue("$realm", user.Realm);
        command.Parameters.AddWithValue("$ha1_md5", user.Ha1Md5);
        command.Parameters.AddWithValue("$ha1_sha256", user.Ha1Sha256);
        command.Parameters.AddWithValue("$web", (object?)user.WebPasswordHash ?? DBNull.Value);
        command.Parameters.AddWithValue("$admin", user.IsAdmin ? 1 : 0);
        command.Parameters.AddWithValue("$policy", (int)user.RecordingPolicy);
        command.Parameters.AddWithValue("$created", user.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
    }

    private static User Read(SqliteDataReader reader) => new()
    {
        Extension = reader.GetString(0),
        DisplayName = reader.IsDBNull(1) ? null : reader.GetString(1),
        Realm = reader.GetString(2),
        Ha1Md5 = reader.GetString(3),
        Ha1Sha256 = reader.GetString(4),
        WebPasswordHash = reader.IsDBNull(5) ? null : reader.GetString(5),
        IsAdmin = reader.GetInt64(6) != 0,
        RecordingPolicy = (RecordingPolicy)reader.GetInt64(7),
        CreatedAt = DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture),
    };
}
