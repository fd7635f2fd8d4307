using Lyrebird.Core.Recording;

namespace Lyrebird.Core.Storage;

/// <summary>The recording catalogue. Implementations must tolerate another process (the CLI) reading while the server
/// writes.</summary>
public interface IRecordingCatalog
{
    void Add(RecordingEntry entry);

    /// <summary>Replaces a row (by id).</summary>
    void Update(RecordingEntry entry);

    RecordingEntry? Find(string id);

    /// <summary>Rows newest first, optionally those a user took part in or owns, started at or after a time.</summary>
    IReadOnlyList<RecordingEntry> List(string? participant = null, DateTimeOffset? since = null, RecordingState? state = null);

    /// <summary>The next segment number of a call (1 for its first recording).</summary>
    int NextSegment(string callId);
}
