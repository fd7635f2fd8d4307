using System.Globalization;
using Lyrebird.Core.Recording;
using Lyrebird.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Lyrebird.Storage.Sqlite;

/// <summary>The recording catalogue in SQLite.</summary>
public sealed class SqliteRecordingCatalog(SqliteDatabase database) : IRecordingCatalog
{
    private const string Columns = "id, call_id, segment, mode, owner, caller_extension, caller_name, caller_uri, callee_extension, callee_name, " +
                                   "callee_uri, direction, started_at, ended_at, duration_ms, codec, sample_rate, channels, file_name, size, sha256, " +
                                   "state, failure_reason, dropped_packets, link_note";

    private const string Values = "$id, $call_id, $segment, $mode, $owner, $caller_extension, $caller_name, $caller_uri, $callee_extension, " +
                                  "$callee_name, $callee_uri, $direction, $started_at, $ended_at, $duration_ms, $codec, $sample_rate, $channels, " +
                                  "$file_name, $size, $sha256, $state, $failure_reason, $dropped_packets, $link_note";

    public void Add(RecordingEntry entry)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO recordings ({Columns}) VALUES ({Values})";
        Bind(command, entry);
        command.ExecuteNonQuery();
    }

    public void Update(RecordingEntry entry)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT OR REPLACE INTO recordings ({Columns}) VALUES ({Values})";
        Bind(command, entry);
        command.ExecuteNonQuery();
    }

    public RecordingEntry? Find(string id)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM recordings WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    public IReadOnlyList<RecordingEntry> List(string? participant = null, DateTimeOffset? since = null, RecordingState? state = null)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        var where = new List<string>();
        if (participant is not null)
        {
            where.Add("(owner = $p OR caller_extension = $p OR callee_extension = $p)");
            command.Parameters.AddWithValue("$p", participant);
        }

        if (since is not null)
        {
            where.Add("started_at >= $since");
            command.Parameters.AddWithValue("$since", Format(since.Value));
        }

        if (state is not null)
        {
            where.Add("state = $state");
            command.Parameters.AddWithValue("$state", (int)state.Value);
        }

        command.CommandText = $"SELECT {Columns} FROM recordings" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
                              " ORDER BY started_at DESC, segment DESC";
        using var reader = command.ExecuteReader();
        var entries = new List<RecordingEntry>();
        while (reader.Read())
        {
            entries.Add(Read(reader));
        }

        return entries;
    }

    public int NextSegment(string callId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(segment), 0) + 1 FROM recordings WHERE call_id = $call_id";
        command.Parameters.AddWithValue("$call_id", callId);
        return (int)(long)command.ExecuteScalar()!;
    }

    /// <summary>Timestamps are stored as UTC ISO 8601 with a fixed width, so text order is time order.</summary>
    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static void Bind(SqliteCommand command, RecordingEntry e)
    {
        command.Parameters.AddWithValue("$id", e.Id);
        command.Parameters.AddWithValue("$call_id", e.CallId);
        command.Parameters.AddWithValue("$segment", e.Segment);
        command.Parameters.AddWithValue("$mode", (int)e.Mode);
        command.Parameters.AddWithValue("$owner", e.Owner);
        command.Parameters.AddWithValue("$caller_extension", (object?)e.Caller.Extension ?? DBNull.Value);
        command.Parameters.AddWithValue("$caller_name", (object?)e.Caller.DisplayName ?? DBNull.Value);
        command.Parameters.AddWithValue("$caller_uri", e.Caller.Uri);
        command.Parameters.AddWithValue("$callee_extension", (object?)e.Callee?.Extension ?? DBNull.Value);
        command.Parameters.AddWithValue("$callee_name", (object?)e.Callee?.DisplayName ?? DBNull.Value);
        command.Parameters.AddWithValue("$callee_uri", (object?)e.Callee?.Uri ?? DBNull.Value);
        command.Parameters.AddWithValue("$direction", e.Direction);
        command.Parameters.AddWithValue("$started_at", Format(e.StartedAt));
        command.Parameters.AddWithValue("$ended_at", e.EndedAt is { } ended ? Format(ended) : DBNull.Value);
        command.Parameters.AddWithValue("$duration_ms", (long)e.Duration.TotalMilliseconds);
        command.Parameters.AddWithValue("$codec", e.Codec);
        command.Parameters.AddWithValue("$sample_rate", e.SampleRate);
        command.Parameters.AddWithValue("$channels", e.Channels);
        command.Parameters.AddWithValue("$file_name", e.FileName);
        command.Parameters.AddWithValue("$size", e.Size);
        command.Parameters.AddWithValue("$sha256", (object?)e.Sha256 ?? DBNull.Value);
        command.Parameters.AddWithValue("$state", (int)e.State);
        command.Parameters.AddWithValue("$failure_reason", (object?)e.FailureReason ?? DBNull.Value);
        command.Parameters.AddWithValue("$dropped_packets", e.DroppedPackets);
        command.Parameters.AddWithValue("$link_note", (object?)e.LinkNote ?? DBNull.Value);
    }

    private static RecordingEntry Read(SqliteDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return new RecordingEntry
        {
            Id = r.GetString(0),
            CallId = r.GetString(1),
            Segment = (int)r.GetInt64(2),
            Mode = (RecordingMode)r.GetInt64(3),
            Owner = r.GetString(4),
            Caller = new RecordedParty(S(5), S(6), r.GetString(7)),
            Callee = S(10) is { } calleeUri ? new RecordedParty(S(8), S(9), calleeUri) : null,
            Direction = r.GetString(11),
            StartedAt = ParseTime(r.GetString(12)),
            EndedAt = S(13) is { } ended ? ParseTime(ended) : null,
            Duration = TimeSpan.FromMilliseconds(r.GetInt64(14)),
            Codec = r.GetString(15),
            SampleRate = (int)r.GetInt64(16),
            Channels = (int)r.GetInt64(17),
            FileName = r.GetString(18),
            Size = r.GetInt64(19),
            Sha256 = S(20),
            State = (RecordingState)r.GetInt64(21),
            FailureReason = S(22),
            DroppedPackets = r.GetInt64(23),
            LinkNote = S(24),
        };
    }
}
