using System.Security.Cryptography;
using Lyrebird.Core.Storage;
using Lyrebird.Media.Recording;
using Microsoft.Extensions.Logging;

namespace Lyrebird.Core.Recording;

/// <summary>
/// Opens, closes and catalogues recordings. Files live under <c>DATA/recordings/yyyy/MM/dd/ID.wav</c> with an id
/// Lyrebird generates; nothing of a path comes from input. A segment's row is written as <c>recording</c> before its
/// first sample, and completed (size, duration, SHA-256) or marked failed (with the reason) when it ends; at start-up
/// <see cref="RepairInterruptedAsync"/> repairs and hashes what a crash left behind and marks it <c>interrupted</c>.
/// </summary>
/// <remarks>Thread-safe. <see cref="Start"/> runs where the INFO is handled (a SIP callback thread); the file and the
/// row are created before it returns, so a 200 to <c>Record: on</c> means the recording really runs.</remarks>
public sealed class RecordingService : IDisposable
{
    public const string Folder = "recordings";

    private readonly IRecordingCatalog _catalog;
    private readonly string _dataDirectory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CallRecorder _recorder;

    public RecordingService(IRecordingCatalog catalog, string dataDirectory, TimeProvider time, ILogger<RecordingService> logger,
        CallRecorderOptions? options = null)
    {
        _catalog = catalog;
        _dataDirectory = Path.GetFullPath(dataDirectory);
        _time = time;
        _logger = logger;
        _recorder = new CallRecorder(options, time);
    }

    public IRecordingCatalog Catalog => _catalog;

    public int ActiveCount => _recorder.ActiveSessions;

    /// <summary>The absolute path of a catalogued recording's file.</summary>
    public string PathOf(RecordingEntry entry) => Path.Combine(_dataDirectory, entry.FileName);

    /// <summary>Creates the file and the catalogue row and starts the segment; on failure (disk full, no permission,
    /// database error) returns the reason and leaves a <c>failed</c> row when one could be written.</summary>
    public RecordingStart Start(RecordingRequest request)
    {
        var now = _time.GetUtcNow();
        var id = $"{now:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var relative = Path.Combine(Folder, now.ToString("yyyy", null), now.ToString("MM", null), now.ToString("dd", null), id + ".wav");
        RecordingEntry entry;
        try
        {
            entry = new RecordingEntry
            {
                Id = id,
                CallId = request.CallId,
                Segment = _catalog.NextSegment(request.CallId),
                Mode = request.Mode,
                Owner = request.Owner,
                Caller = request.Caller,
                Callee = request.Callee,
                StartedAt = now,
                Codec = request.Codec.ToUpperInvariant(),
                SampleRate = request.SampleRate,
                Channels = request.Channels,
                FileName = relative,
                LinkNote = request.LinkNote,
            };
            _catalog.Add(entry);
        }
#pragma warning disable CA1031 // any storage failure means "cannot record": the caller answers 500
        catch (Exception e)
#pragma warning restore CA1031
        {
            RecordingLog.StartFailed(_logger, request.CallId, e);
            return RecordingStart.Failed("Recording Catalogue Unavailable");
        }

        try
        {
            var path = PathOf(entry);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var session = _recorder.Start(new RecordingStartOptions
            {
                Path = path,
                Channels = request.Channels,
                SampleRate = request.SampleRate,
                CallerPayloads = request.CallerPayloads,
                CalleePayloads = request.CalleePayloads,
                StartTimestamp = request.StartTimestamp,
            });
            var mode = entry.Mode.ToName();
            RecordingLog.Started(_logger, entry.Id, entry.CallId, entry.Segment, mode, entry.Owner);
            return RecordingStart.Started(new ActiveRecording(entry, session));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RecordingLog.StartFailed(_logger, request.CallId, e);
            TryUpdate(entry with { State = RecordingState.Failed, FailureReason = e.Message, EndedAt = now });
            return RecordingStart.Failed("Recording Could Not Start");
        }
    }

    /// <summary>Ends a segment at <paramref name="stopTimestamp"/> (relay clock) and completes its catalogue row.</summary>
    public async Task<RecordingEntry> StopAsync(ActiveRecording recording, long stopTimestamp, CancellationToken cancellationToken = default)
    {
        var result = await recording.Session.StopAsync(stopTimestamp, cancellationToken);
        var entry = recording.Entry with
        {
            EndedAt = _time.GetUtcNow(),
            Duration = result.Duration,
            Size = result.FileSize,
            Sha256 = result.Sha256Hex,
            State = result.Status == RecordingStatus.Completed ? RecordingState.Completed : RecordingState.Failed,
            FailureReason = result.FailureReason,
            DroppedPackets = result.DroppedPackets,
        };
        TryUpdate(entry);
        var state = entry.State.ToName();
        RecordingLog.Stopped(_logger, entry.Id, state, entry.Duration, entry.DroppedPackets);
        return entry;
    }

    /// <summary>Start-up: rows still <c>recording</c> belong to a process that died. Their files are repaired (header
    /// sizes from the file length), hashed and marked <c>interrupted</c>; a missing file marks the row <c>failed</c>.</summary>
    public async Task<int> RepairInterruptedAsync(CancellationToken cancellationToken = default)
    {
        var repaired = 0;
        foreach (var entry in _catalog.List(state: RecordingState.Recording))
        {
            var path = PathOf(entry);
            if (!File.Exists(path))
            {
                TryUpdate(entry with { State = RecordingState.Failed, FailureReason = "file missing after a restart" });
                continue;
            }

            var repair = WavFile.Repair(path);
            if (repair.Info is not { } info)
            {
                TryUpdate(entry with { State = RecordingState.Failed, FailureReason = "file is not a readable WAV after a restart" });
                continue;
            }

            var sha = await WavFile.ComputeSha256Async(path, cancellationToken);
            TryUpdate(entry with
            {
                State = RecordingState.Interrupted,
                FailureReason = "the server stopped while recording; the file was repaired at start-up",
                Duration = info.Duration,
                EndedAt = entry.StartedAt + info.Duration,
                Size = new FileInfo(path).Length,
                Sha256 = Convert.ToHexStringLower(sha),
            });
            RecordingLog.Repaired(_logger, entry.Id, info.Duration);
            repaired++;
        }

        return repaired;
    }

    public void Dispose() => _recorder.Dispose();

    private void TryUpdate(RecordingEntry entry)
    {
        try
        {
            _catalog.Update(entry);
        }
#pragma warning disable CA1031 // the file is kept either way; the row is repaired at the next start-up
        catch (Exception e)
#pragma warning restore CA1031
        {
            RecordingLog.CatalogueUpdateFailed(_logger, entry.Id, e);
        }
    }
}

/// <summary>The outcome of <see cref="RecordingService.Start"/>: a running recording, or why there is none.</summary>
public readonly record struct RecordingStart(ActiveRecording? Recording, string? FailureReason)
{
    public static RecordingStart Started(ActiveRecording recording) => new(recording, null);

    public static RecordingStart Failed(string reason) => new(null, reason);
}
