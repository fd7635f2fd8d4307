using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Lyrebird.InteropTests.Infrastructure;

namespace Lyrebird.InteropTests;

/// <summary>
/// Calls through a real <c>lyrebird serve</c>: SIPp plays the caller (extension 200, digest credentials) and the
/// callee (extension 201, registered from the port it then answers on). The phones' SDP advertise UDP sockets owned by
/// the test, which sends RTP through Lyrebird's relay in both directions and checks what arrives.
/// </summary>
public sealed partial class CallInteropTests
{
    private const string CallerPassword = "secret200";
    private const string CalleePassword = "secret201";

    /// <summary>SIPp 3.6 answers only the first challenge and only with MD5 ("createAuthHeader: authentication must use MD5
    /// or AKAv1-MD5" on a SHA-256-first challenge), so these servers list MD5 first (Pbx:DigestAlgorithms).</summary>
    internal static async Task<LyrebirdServer> StartServerAsync(IReadOnlyDictionary<string, string>? environment = null, string challenges = "MD5,SHA-256")
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["LYREBIRD_Pbx__DigestAlgorithms"] = challenges };
        var server = await LyrebirdServer.StartAsync(environment: variables);
        await LyrebirdCli.AddUserAsync(server.DataDirectory, "200", CallerPassword);
        await LyrebirdCli.AddUserAsync(server.DataDirectory, "201", CalleePassword);
        return server;
    }

    /// <summary>Registers 201 from 127.0.0.1:<paramref name="port"/> (SIPp, digest), so that calls to 201 go there.</summary>
    internal static async Task RegisterCalleeAsync(LyrebirdServer server, int port)
    {
        var result = await Sipp.RunAsync("register-callee.xml", server.SipEndPoint, service: "201",
            extra: ["-au", "201", "-ap", CalleePassword, "-p", port.ToString(CultureInfo.InvariantCulture)]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>Starts the callee SIPp and waits until it has bound its port.</summary>
    /// <param name="extra">More sipp arguments, e.g. <c>-key pt 9</c> for a scenario's [pt].</param>
    /// <param name="cancellation">Kills the SIPp early (its result then has exit code -1).</param>
    internal static async Task<Task<Peer.Result>> StartCalleeAsync(string scenario, int port, int rtpPort, int holdMs = 0,
        IEnumerable<string>? extra = null, CancellationToken cancellation = default)
    {
        var callee = Sipp.RunServerAsync(scenario, port,
            ["-key", "rtp_port", rtpPort.ToString(CultureInfo.InvariantCulture), "-d", holdMs.ToString(CultureInfo.InvariantCulture), .. extra ?? []],
            cancellation: cancellation);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var bound = "0100007F:" + port.ToString("X4", CultureInfo.InvariantCulture) + " "; // 127.0.0.1:port in /proc/net/udp
        while (DateTime.UtcNow < deadline && !callee.IsCompleted)
        {
            // Read the kernel's socket table rather than probing with a bind, which could race SIPp's own bind.
            if ((await File.ReadAllTextAsync("/proc/net/udp", CancellationToken.None)).Contains(bound, StringComparison.Ordinal))
            {
                // SIPp binds its socket before it has loaded the scenario and starts serving; give it a moment.
                await Task.Delay(500, CancellationToken.None);
                return callee;
            }

            await Task.Delay(50, CancellationToken.None);
        }

        Assert.Fail("the callee SIPp did not bind its port: " + (callee.IsCompleted ? (await callee).ToString() : "timeout"));
        return callee;
    }

    /// <summary>SIPp as the caller (extension 200, digest password <paramref name="password"/>) calling
    /// <paramref name="callee"/>: an extension or a recorder target. Generous time limits: the machine may be busy.</summary>
    internal static Task<Peer.Result> RunCallerAsync(LyrebirdServer server, string scenario, string callee, int rtpPort, int holdMs = 0,
        IEnumerable<string>? extra = null, string password = CallerPassword, CancellationToken cancellation = default) =>
        Peer.RunAsync("sipp",
        [
            $"{server.SipEndPoint.Address}:{server.SipEndPoint.Port}",
            "-sf", Peer.ScenarioPath(scenario),
            "-s", callee,
            "-m", "1",
            "-t", "u1",
            "-i", "127.0.0.1",
            "-nostdin",
            "-timeout", "40s", "-timeout_error",
            "-trace_err",
            "-au", "200", "-ap", password,
            // SIPp's digest uri defaults to sip:remote_ip:remote_port; it must be the Request-URI (RFC 3261 §22.4).
            "-auth_uri", $"{callee}@{server.SipEndPoint}",
            "-key", "rtp_port", rtpPort.ToString(CultureInfo.InvariantCulture),
            "-d", holdMs.ToString(CultureInfo.InvariantCulture), // <pause/> length
            .. extra ?? [],
        ], TimeSpan.FromSeconds(50), cancellation: cancellation);

    internal static UdpClient Phone() => new(new IPEndPoint(IPAddress.Loopback, 0));

    internal static int PortOf(UdpClient client) => ((IPEndPoint)client.Client.LocalEndPoint!).Port;

    [GeneratedRegex(@"relay RTP port caller leg (\d+), callee leg (\d+)")]
    internal static partial Regex ConnectedLine();

    [GeneratedRegex(@"finished after .*: RTP caller leg received (\d+) forwarded (\d+), callee leg received (\d+) forwarded (\d+)")]
    internal static partial Regex FinishedLine();

    internal static async Task<(int CallerLeg, int CalleeLeg)> RelayPortsAsync(LyrebirdServer server)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20); // generous: SIPp and the server share a busy machine
        while (DateTime.UtcNow < deadline)
        {
            if (ConnectedLine().Match(server.Output) is { Success: true } m)
            {
                return (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the call did not connect:\n" + server.Output);
    }

    private static byte[] RtpPacket(ushort sequence, byte marker)
    {
        var packet = new byte[172]; // 12-byte header + 160 bytes of PCMU (20 ms)
        packet[0] = 0x80;
        packet[2] = (byte)(sequence >> 8);
        packet[3] = (byte)sequence;
        packet[8] = marker; // SSRC
        for (var i = 12; i < packet.Length; i++)
        {
            packet[i] = (byte)(sequence + i + marker);
        }

        return packet;
    }

    /// <summary>Sends <paramref name="count"/> RTP packets from one phone to its relay port and checks that the other
    /// phone receives all of them, in order, unchanged, from its own relay port.</summary>
    private static async Task AssertRelayedAsync(UdpClient from, int fromRelayPort, UdpClient to, int toRelayPort, byte marker, int count = 50)
    {
        var relay = new IPEndPoint(IPAddress.Loopback, fromRelayPort);
        for (ushort seq = 0; seq < count; seq++)
        {
            await from.SendAsync(RtpPacket(seq, marker), relay);
        }

        for (ushort seq = 0; seq < count; seq++)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var received = await to.ReceiveAsync(timeout.Token);
            Assert.Equal(RtpPacket(seq, marker), received.Buffer);
            Assert.Equal(new IPEndPoint(IPAddress.Loopback, toRelayPort), received.RemoteEndPoint);
        }
    }

    [Fact]
    public async Task Caller_hangs_up_after_rtp_flowed_both_ways_through_the_relay()
    {
        await using var server = await StartServerAsync();
        var calleePort = FreePort.Get();
        await RegisterCalleeAsync(server, calleePort);
        using var caller = Phone();
        using var callee = Phone();
        var calleeRun = await StartCalleeAsync("callee-answers.xml", calleePort, PortOf(callee));

        var callerRun = RunCallerAsync(server, "caller-hangs-up.xml", "201", PortOf(caller), holdMs: 4000);
        var (callerLeg, calleeLeg) = await RelayPortsAsync(server);
        Assert.NotEqual(PortOf(callee), callerLeg);
        await AssertRelayedAsync(caller, callerLeg, callee, calleeLeg, marker: 0xA1);
        await AssertRelayedAsync(callee, calleeLeg, caller, callerLeg, marker: 0xB2);

        var callerResult = await callerRun;
        var calleeResult = await calleeRun;
        Assert.True(callerResult.ExitCode == 0, "caller: " + callerResult + "\nserver:\n" + server.Output);
        Assert.True(calleeResult.ExitCode == 0, "callee: " + calleeResult + "\nserver:\n" + server.Output);
        var finished = await WaitForAsync(server, FinishedLine());
        Assert.Equal(["50", "50", "50", "50"], finished.Groups.Values.Skip(1).Select(g => g.Value));
    }

    internal static async Task<Match> WaitForAsync(LyrebirdServer server, Regex regex)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (regex.Match(server.Output) is { Success: true } m)
            {
                return m;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no '{regex}' in the server output:\n{server.Output}");
    }

    [Fact]
    public async Task Callee_hangs_up_and_the_caller_gets_the_bye()
    {
        await using var server = await StartServerAsync();
        var calleePort = FreePort.Get();
        await RegisterCalleeAsync(server, calleePort);
        using var caller = Phone();
        using var callee = Phone();
        var calleeRun = await StartCalleeAsync("callee-hangs-up.xml", calleePort, PortOf(callee), holdMs: 1000);

        var callerResult = await RunCallerAsync(server, "caller-waits-for-bye.xml", "201", PortOf(caller));

        Assert.True(callerResult.ExitCode == 0, "caller: " + callerResult + "\nserver:\n" + server.Output);
        var calleeResult = await calleeRun;
        Assert.True(calleeResult.ExitCode == 0, "callee: " + calleeResult + "\nserver:\n" + server.Output);
        await WaitForAsync(server, FinishedLine());
    }

    [Fact]
    public async Task Caller_cancels_while_ringing_and_the_callee_is_cancelled()
    {
        await using var server = await StartServerAsync();
        var calleePort = FreePort.Get();
        await RegisterCalleeAsync(server, calleePort);
        using var caller = Phone();
        var calleeRun = await StartCalleeAsync("callee-rings-until-cancelled.xml", calleePort, 40000);

        var callerResult = await RunCallerAsync(server, "caller-cancels.xml", "201", PortOf(caller));

        Assert.True(callerResult.ExitCode == 0, "caller: " + callerResult + "\nserver:\n" + server.Output);
        var calleeResult = await calleeRun;
        Assert.True(calleeResult.ExitCode == 0, "callee: " + calleeResult + "\nserver:\n" + server.Output);
    }

    [Fact]
    public async Task Busy_callee_gives_the_caller_486()
    {
        await using var server = await StartServerAsync();
        var calleePort = FreePort.Get();
        await RegisterCalleeAsync(server, calleePort);
        using var caller = Phone();
        var calleeRun = await StartCalleeAsync("callee-busy.xml", calleePort, 40000);

        var callerResult = await RunCallerAsync(server, "caller-rejected-486.xml", "201", PortOf(caller));

        Assert.True(callerResult.ExitCode == 0, "caller: " + callerResult + "\nserver:\n" + server.Output);
        var calleeResult = await calleeRun;
        Assert.True(calleeResult.ExitCode == 0, "callee: " + calleeResult + "\nserver:\n" + server.Output);
    }

    [Fact]
    public async Task Unknown_extension_gives_404()
    {
        await using var server = await StartServerAsync();
        using var caller = Phone();

        var callerResult = await RunCallerAsync(server, "caller-rejected-404.xml", "299", PortOf(caller));

        Assert.True(callerResult.ExitCode == 0, "caller: " + callerResult + "\nserver:\n" + server.Output);
    }

    [Fact]
    public async Task Unregistered_extension_gives_480()
    {
        await using var server = await StartServerAsync();
        using var caller = Phone();

        var callerResult = await RunCallerAsync(server, "caller-rejected-480.xml", "201", PortOf(caller));

        Assert.True(callerResult.ExitCode == 0, "caller: " + callerResult + "\nserver:\n" + server.Output);
    }

    [Fact]
    public async Task No_answer_gives_480_and_cancels_the_callee()
    {
        await using var server = await StartServerAsync(new Dictionary<string, string> { ["LYREBIRD_Pbx__NoAnswerTimeout"] = "00:00:03" });
        var calleePort = FreePort.Get();
        await RegisterCalleeAsync(server, calleePort);
        using var caller = Phone();
        var calleeRun = await StartCalleeAsync("callee-rings-until-cancelled.xml", calleePort, 40000);

        var callerResult = await RunCallerAsync(server, "caller-rejected-480.xml", "201", PortOf(caller));

        Assert.True(callerResult.ExitCode == 0, "caller: " + callerResult + "\nserver:\n" + server.Output);
        var calleeResult = await calleeRun;
        Assert.True(calleeResult.ExitCode == 0, "callee: " + calleeResult + "\nserver:\n" + server.Output);
        Assert.Contains("no answer within 00:00:03", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hold_and_resume_by_reinvite_are_relayed_with_relay_sdp()
    {
        await using var server = await StartServerAsync();
        var calleePort = FreePort.Get();
        await RegisterCalleeAsync(server, calleePort);
        using var caller = Phone();
        using var callee = Phone();
        var calleeRun = await StartCalleeAsync("callee-held-and-resumed.xml", calleePort, PortOf(callee));

        var callerResult = await RunCallerAsync(server, "caller-hold-resume.xml", "201", PortOf(caller));

        Assert.True(callerResult.ExitCode == 0, "caller: " + callerResult + "\nserver:\n" + server.Output);
        var calleeResult = await calleeRun;
        Assert.True(calleeResult.ExitCode == 0, "callee: " + calleeResult + "\nserver:\n" + server.Output);
    }

    [Fact]
    public async Task Baresip_calls_an_auto_answering_baresip_through_lyrebird_and_audio_flows_through_the_relay()
    {
        // baresip 1.0 (libre) gives up on any challenge list that contains SHA-256 ("Register: Function not implemented").
        await using var server = await StartServerAsync(challenges: "MD5");
        await using var callee = Baresip.Start(server.SipPort, "201", CalleePassword, 3600, withAudio: true, accountParameters: ";answermode=auto", commands: []);
        Assert.True(await callee.WaitForAsync("200 OK", 1, TimeSpan.FromSeconds(15)), callee.Output);
        await using (var caller = Baresip.Start(server.SipPort, "200", CallerPassword, 3600, withAudio: true, accountParameters: "",
                         commands: [$"/dial sip:201@127.0.0.1:{server.SipPort}"]))
        {
            await RelayPortsAsync(server); // connected
            await Task.Delay(TimeSpan.FromSeconds(2)); // let audio flow for a while (not an assertion)
        }

        var finished = await WaitForAsync(server, FinishedLine());
        var counts = finished.Groups.Values.Skip(1).Select(g => long.Parse(g.Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(counts.All(c => c > 20), $"RTP through the relay (caller received/forwarded, callee received/forwarded): {string.Join(", ", counts)}\n{server.Output}");
    }
}
