using Lyrebird.InteropTests.Infrastructure;
using static Lyrebird.InteropTests.CallInteropTests;

namespace Lyrebird.InteropTests;

/// <summary>The Record key's on/off INFOs over real sockets (RECORDING.md §1): who may press it, repeated presses,
/// several spans per call, hanging up while recording. Each recording is checked by its content.</summary>
public sealed class RecordKeyInteropTests
{
    [Fact]
    public async Task Info_from_the_callee_records_that_span_owned_by_the_callee_with_each_party_in_its_channel()
    {
        await using var server = await StartServerAsync();

        await RunRecordedCallAsync(server, "caller-hangs-up.xml", "callee-records.xml", callerHoldMs: 8500);

        var row = Assert.Single(await CompletedRecordingsAsync(server, 1));
        Assert.Equal("on-demand", row.GetProperty("mode").GetString());
        Assert.Equal("201", row.GetProperty("owner").GetString());
        Assert.Equal("200", row.GetProperty("caller").GetProperty("extension").GetString());
        Assert.Equal("201", row.GetProperty("callee").GetProperty("extension").GetString());
        var (caller, callee, info) = await ReadStereoAsync(server, row, 8000);
        Assert.InRange(info.Duration.TotalMilliseconds, 5000 - 20, 5000 + 150); // the callee's on…off span
        AssertCatalogueDuration(row, info);
        AssertPartiesInTheirChannels(caller, callee, 8000);
        Assert.Contains("recording request 'on' from the Callee answered 200", server.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Two_on_off_spans_in_one_call_make_two_segments_of_that_call_each_as_long_as_its_span()
    {
        await using var server = await StartServerAsync();

        await RunRecordedCallAsync(server, "caller-records-twice.xml");

        var rows = await CompletedRecordingsAsync(server, 2);
        Assert.Equal(rows[0].GetProperty("callId").GetString(), rows[1].GetProperty("callId").GetString());
        Assert.Equal([1, 2], rows.Select(r => r.GetProperty("segment").GetInt32()));
        Assert.NotEqual(rows[0].GetProperty("id").GetString(), rows[1].GetProperty("id").GetString());
        foreach (var (row, spanMs) in rows.Zip([2000, 3000]))
        {
            var (caller, callee, info) = await ReadStereoAsync(server, row, 8000);
            Assert.InRange(info.Duration.TotalMilliseconds, spanMs - 20, spanMs + 150);
            AssertCatalogueDuration(row, info);
            AssertPartiesInTheirChannels(caller, callee, 8000);
        }
    }

    [Fact]
    public async Task Repeated_record_on_is_answered_200_and_neither_toggles_nor_restarts_the_segment()
    {
        await using var server = await StartServerAsync();

        await RunRecordedCallAsync(server, "caller-records-on-on-off.xml"); // the scenario requires 200 to on, on and off

        var row = Assert.Single(await CompletedRecordingsAsync(server, 1));
        Assert.Equal(1, row.GetProperty("segment").GetInt32());
        var (caller, callee, info) = await ReadStereoAsync(server, row, 8000);
        Assert.InRange(info.Duration.TotalMilliseconds, 3000 - 20, 3000 + 150); // from the first on, not the second
        AssertCatalogueDuration(row, info);
        AssertPartiesInTheirChannels(caller, callee, 8000);
    }

    [Fact]
    public async Task Hanging_up_while_recording_closes_the_segment_at_the_bye_and_completes_it()
    {
        await using var server = await StartServerAsync();

        await RunRecordedCallAsync(server, "caller-records-until-bye.xml", callerHoldMs: 3000);

        var row = Assert.Single(await CompletedRecordingsAsync(server, 1));
        var started = await LoggedAtAsync(server, "Recording .* started: call");
        var hungUp = await LoggedAtAsync(server, "caller hung up");
        var (caller, callee, info) = await ReadStereoAsync(server, row, 8000);
        Assert.InRange(info.Duration.TotalMilliseconds, (hungUp - started).TotalMilliseconds - 40, (hungUp - started).TotalMilliseconds + 40);
        Assert.InRange(info.Duration.TotalMilliseconds, 3000 - 20, 3000 + 150);
        AssertCatalogueDuration(row, info);
        AssertPartiesInTheirChannels(caller, callee, 8000);
    }
}
