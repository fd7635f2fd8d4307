using Lyrebird.Core.Recording;
using Lyrebird.Media.Recording;
using Lyrebird.Storage.Sqlite;
using Lyrebird.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lyrebird.Core.Tests;

public sealed class RecordingServiceTests : IDisposable
{
    private readonly TempDataDirectory _data = new();
    private readonly SqliteRecordingCatalog _catalog;

    public RecordingServiceTests() => _catalog = new SqliteRecordingCatalog(new SqliteDatabase(_data.Path));

    public void Dispose() => _data.Dispose();

    private RecordingService NewService() => new(_catalog, _data.Path, TimeProvider.System, NullLogger<RecordingService>.Instance);

    private static RecordingRequest Request(long start, string callId = "call-1") => new()
    {
        CallId = callId,
        Mode = RecordingMode.OnDemand,
        Owner = "201",
        Caller = new RecordedParty("201", "Alice", "sip:201@pbx"),
        Callee = new RecordedParty("202", "Bob", "sip:202@pbx"),
        Codec = "PCMU",
        CallerPayloads = RecordingPayloadMap.CreateStatic(),
        StartTimestamp = start,
    };

    /// <summary>Feeds 20 ms packets of both parties, stamped as if they arrived in real time from <paramref name="start"/>.</summary>
    private static long Feed(ActiveRecording recording, long start, int packets)
    {
        var caller = new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1);
        var callee = new RtpStream(RecordingCodec.Pcmu, 1000, ssrc: 2);
        var tick = TimeProvider.System.TimestampFrequency / 50;
        for (var i = 0; i < packets; i++)
        {
            recording.Tap(caller.Next(), start + (i * tick), RecordingParty.Caller);
            recording.Tap(callee.Next(), start + (i * tick), RecordingParty.Callee);
        }

        return start + (packets * tick);
    }

    [Fact]
    public async Task Segment_is_catalogued_as_recording_then_completed_with_the_file_s_size_duration_and_hash()
    {
        using var service = NewService();
        var start = TimeProvider.System.GetTimestamp();

        var started = service.Start(Request(start));
        var recording = Assert.IsType<ActiveRecording>(started.Recording);
        Assert.Equal(RecordingState.Recording, _catalog.Find(recording.Entry.Id)!.State);

        var stop = Feed(recording, start, 100);
        var entry = await service.StopAsync(recording, stop);

        Assert.Equal(RecordingState.Completed, entry.State);
        var row = _catalog.Find(entry.Id)!;
        Assert.Equal(entry, row with { });
        Assert.Equal(1, row.Segment);
        Assert.InRange(row.Duration.TotalMilliseconds, 1980, 2020);
        var path = service.PathOf(row);
        Assert.StartsWith(Path.Combine(_data.Path, "recordings"), path, StringComparison.Ordinal);
        Assert.Equal(new FileInfo(path).Length, row.Size);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), row.Sha256);
        var samples = WavFile.ReadSamples(path, out var info);
        Assert.Equal(2, info.Channels);
        Assert.Equal(440, Goertzel.Dominant(Audio.Channel(samples, 2, 0), 8000, 440, 1000));
        Assert.Equal(1000, Goertzel.Dominant(Audio.Channel(samples, 2, 1), 8000, 440, 1000));
    }

    [Fact]
    public async Task Segments_of_one_call_are_numbered_in_order()
    {
        using var service = NewService();
        var start = TimeProvider.System.GetTimestamp();
        var first = service.Start(Request(start)).Recording!;
        await service.StopAsync(first, Feed(first, start, 10));
        var second = service.Start(Request(start)).Recording!;
        await service.StopAsync(second, Feed(second, start, 10));

        Assert.Equal([2, 1], _catalog.List().Select(e => e.Segment));
    }

    [Fact]
    public void A_recording_that_cannot_start_reports_why_and_leaves_a_failed_row()
    {
        File.WriteAllText(Path.Combine(_data.Path, RecordingService.Folder), "not a folder");
        using var service = NewService();

        var started = service.Start(Request(TimeProvider.System.GetTimestamp()));

        Assert.Null(started.Recording);
        Assert.Equal("Recording Could Not Start", started.FailureReason);
        var row = Assert.Single(_catalog.List());
        Assert.Equal(RecordingState.Failed, row.State);
        Assert.False(string.IsNullOrEmpty(row.FailureReason));
    }

    [Fact]
    public async Task Recording_left_behind_by_a_dead_server_is_repaired_hashed_and_marked_interrupted()
    {
        string id;
        var start = TimeProvider.System.GetTimestamp();
        using (var crashed = NewService())
        {
            var recording = crashed.Start(Request(start)).Recording!;
            id = recording.Entry.Id;
            Feed(recording, start, 150);
            await Task.Delay(1200); // the writer thread writes and checkpoints what it got, as it would before a kill -9
        }

        using var restarted = NewService();
        var repaired = await restarted.RepairInterruptedAsync();

        Assert.Equal(1, repaired);
        var row = _catalog.Find(id)!;
        Assert.Equal(RecordingState.Interrupted, row.State);
        var path = restarted.PathOf(row);
        var info = WavFile.ReadInfo(path)!;
        Assert.True(info.SizesMatchFile);
        Assert.InRange(info.Duration.TotalSeconds, 1.0, 3.05);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), row.Sha256);
    }
}
