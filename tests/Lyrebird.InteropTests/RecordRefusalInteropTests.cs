using System.Net;
using System.Net.Sockets;
using System.Text;
using static Lyrebird.InteropTests.CallInteropTests;

namespace Lyrebird.InteropTests;

/// <summary>Record INFOs Lyrebird must refuse, over real sockets (RECORDING.md §1): the exact SIP answer, and that
/// nothing was recorded.</summary>
public sealed class RecordRefusalInteropTests
{
    [Fact]
    public async Task Record_on_in_a_dialog_that_matches_no_call_gets_481_and_records_nothing()
    {
        await using var server = await StartServerAsync();
        using var phone = Phone();

        var request = Encoding.ASCII.GetBytes(
            $"INFO sip:200@127.0.0.1:{server.SipPort} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP 127.0.0.1:{PortOf(phone)};branch=z9hG4bK-norecord-1;rport\r\n" +
            "From: \"Caller 200\" <sip:200@127.0.0.1>;tag=nosuchcall-from\r\n" +
            "To: <sip:201@127.0.0.1>;tag=nosuchcall-to\r\n" +
            "Call-ID: no-such-call-4711@127.0.0.1\r\n" +
            "CSeq: 3 INFO\r\n" +
            "Max-Forwards: 70\r\n" +
            "User-Agent: snom320/8.4.31\r\n" +
            "Record: on\r\n" +
            "Content-Length: 0\r\n\r\n");
        await phone.SendAsync(request, server.SipEndPoint);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var answer = Encoding.ASCII.GetString((await phone.ReceiveAsync(timeout.Token)).Buffer);

        Assert.StartsWith("SIP/2.0 481 ", answer, StringComparison.Ordinal);
        Assert.Contains("Call-ID: no-such-call-4711@127.0.0.1\r\n", answer, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("CSeq: 3 INFO\r\n", answer, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await RecordingRowsAsync(server));
        Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "recordings")) &&
                     Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "recordings"), "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task Record_values_other_than_on_and_off_get_400_bad_record_header_with_a_warning_and_record_nothing()
    {
        await using var server = await StartServerAsync();

        // The scenario requires "400 Bad Record Header" and a Warning to pause, banana and an empty value.
        await RunRecordedCallAsync(server, "caller-bad-record.xml");

        await AssertNothingRecordedAsync(server);
        foreach (var value in new[] { "pause", "banana", "" })
        {
            Assert.Contains($"recording request '{value}' from the Caller answered 400", server.Output, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_user_whose_policy_is_never_gets_403_recording_not_permitted_and_nothing_is_recorded()
    {
        await using var server = await StartServerAsync();
        await SetRecordingPolicyAsync(server, "200", "never");

        // The scenario requires 403 with Warning: 399 host "Recording not permitted".
        await RunRecordedCallAsync(server, "caller-record-forbidden.xml");

        await AssertNothingRecordedAsync(server);
        Assert.Contains("recording request 'on' from the Caller answered 403", server.Output, StringComparison.OrdinalIgnoreCase);
    }
}
