using Lyrebird.Media.Recording;
using static Lyrebird.InteropTests.CallInteropTests;

namespace Lyrebird.InteropTests;

/// <summary>Mandatory recording and the recorded codecs over real sockets (RECORDING.md §1 and §3): each file is checked
/// by its rate, length and the tone in each channel.</summary>
public sealed class RecordingPolicyAndCodecInteropTests
{
    [Fact]
    public async Task A_user_whose_policy_is_always_is_recorded_from_answer_to_hang_up_and_record_off_gets_403_while_recording_goes_on()
    {
        await using var server = await StartServerAsync();
        await SetRecordingPolicyAsync(server, "200", "always");

        // No Record: on at all; the scenario requires 403 with a Warning to Record: off 1 s after the answer.
        await RunRecordedCallAsync(server, "caller-record-off-refused.xml");

        var row = Assert.Single(await CompletedRecordingsAsync(server, 1));
        Assert.Equal("always", row.GetProperty("mode").GetString());
        Assert.Equal("200", row.GetProperty("owner").GetString());
        var connected = await LoggedAtAsync(server, "connected \\(sip:");
        var hungUp = await LoggedAtAsync(server, "caller hung up");
        var (caller, callee, info) = await ReadStereoAsync(server, row, 8000);
        Assert.InRange(info.Duration.TotalMilliseconds, (hungUp - connected).TotalMilliseconds - 40, (hungUp - connected).TotalMilliseconds + 40);
        Assert.True(info.Duration.TotalMilliseconds >= 3000 - 20, $"the recording went on after Record: off ({info.Duration})");
        AssertCatalogueDuration(row, info);
        AssertPartiesInTheirChannels(caller, callee, 8000, leadIn: true); // recorded from the answer, before the phones send
        Assert.Contains("recording request 'off' from the Caller answered 403", server.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_a_law_call_is_recorded_at_8_khz_with_each_party_in_its_channel()
    {
        await using var server = await StartServerAsync();

        await RunRecordedCallAsync(server, "caller-records-codec.xml", "callee-answers-codec.xml", codec: RecordingCodec.Pcma);

        var row = Assert.Single(await CompletedRecordingsAsync(server, 1));
        Assert.Equal("PCMA", row.GetProperty("codec").GetString());
        Assert.Equal(8000, row.GetProperty("sampleRate").GetInt32());
        var (caller, callee, info) = await ReadStereoAsync(server, row, 8000);
        Assert.InRange(info.Duration.TotalMilliseconds, 3000 - 20, 3000 + 150);
        AssertCatalogueDuration(row, info);
        AssertPartiesInTheirChannels(caller, callee, 8000);
    }
}
