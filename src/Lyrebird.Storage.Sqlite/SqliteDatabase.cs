using Microsoft.Data.Sqlite;

namespace Lyrebird.Storage.Sqlite;

/// <summary>
/// The embedded catalogue: one SQLite file (<c>lyrebird.db</c>) in the data folder, in WAL mode so that the CLI can
/// change users while <c>lyrebird serve</c> runs on the same folder. Connections are opened per operation (pooled by
/// Microsoft.Data.Sqlite); schema changes are numbered migrations tracked in <c>PRAGMA user_version</c>.
/// </summary>
public sealed class SqliteDatabase
{
    public const string FileName = "lyrebird.db";

    private static readonly string[] Migrations =
    [
        // 1: users and registrar bindings
        """
        CREATE TABLE users (
            extension TEXT PRIMARY KEY NOT NULL,
            display_name TEXT,
            realm TEXT NOT NULL,
            ha1_md5 TEXT NOT NULL,
            ha1_sha256 TEXT NOT NULL,
            web_password_hash TEXT,
            is_admin INTEGER NOT NULL DEFAULT 0,
            recording_policy INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE TABLE bindings (
            aor TEXT NOT NULL,
            contact_uri TEXT NOT NULL,
            instance_id TEXT,
            reg_id INTEGER,
            q REAL NOT NULL,
            call_id TEXT NOT NULL,
            cseq INTEGER NOT NULL,
            expires_at TEXT NOT NULL,
            registered_at TEXT NOT NULL,
            transport TEXT NOT NULL,
            remote_address TEXT NOT NULL,
            remote_port INTEGER NOT NULL,
            local_address TEXT NOT NULL,
            local_port INTEGER NOT NULL,
            connection_id INTEGER NOT NULL,
            user_agent TEXT,
            PRIMARY KEY (aor, contact_uri)
        );
        """,

        // 2: the recording catalogue
        """
        CREATE TABLE recordings (
            id TEXT PRIMARY KEY NOT NULL,
            call_id TEXT NOT NULL,
            segment INTEGER NOT NULL,
            mode INTEGER NOT NULL,
            owner TEXT NOT NULL,
            caller_extension TEXT,
            caller_name TEXT,
            caller_uri TEXT NOT NULL,
            callee_extension TEXT,
            callee_name TEXT,
            callee_uri TEXT,
            direction TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            duration_ms INTEGER NOT NULL,
            codec TEXT NOT NULL,
            sample_rate INTEGER NOT NULL,
            channels INTEGER NOT NULL,
            file_name TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT,
            state INTEGER NOT NULL,
            failure_reason TEXT,
            dropped_packets INTEGER NOT NULL,
            link_note TEXT,
            UNIQUE (call_id, segment)
        );
        CREATE INDEX recordings_started ON recordings (started_at);
        CREATE INDEX recordings_state ON recordings (state);
        """,
    ];

    private readonly string _connectionString;

    public SqliteDatabase(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        Path = System.IO.Path.Combine(dataDirectory, FileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 10,
        }.ToString();
        Migrate();
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private void Migrate()
    {
        using var connection = Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable);
        long version;
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "PRAGMA user_version;";
            version = (long)read.ExecuteScalar()!;
        }

        if (version > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"{Path} was written by a newer Lyrebird (schema {version}, this one knows {Migrations.Length}).");
        }

        for (var i = (int)version; i < Migrations.Length; i++)
        {
            using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = Migrations[i] + $"\nPRAGMA user_version = {i + 1};";
            migrate.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
