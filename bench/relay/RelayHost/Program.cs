// Lyrebird relay benchmark host: runs Lyrebird.Media's MediaRelay for the end-to-end benchmark (bench/relay/run.sh).
//
// usage: RelayHost <calls> <relay_port_min> <phone_base_port> <ports_file> <warmup_s> <window_s> [io_threads] [record_dir]
//
// With record_dir, every call is recorded as Lyrebird records calls: a CallRecorder session per call (stereo PCMU WAV
// in record_dir) fed by the relay's tap, so the CPU figures include tapping, decoding and writing.
//
// Creates <calls> sessions whose legs advertise phone A at 127.0.0.1:<phone_base + 4i> and phone B at
// <phone_base + 4i + 2> (the generator's phones), writes "legA legB" RTP ports per call to <ports_file>, then from the
// first relayed packet + warmup measures over the window: packets forwarded, process CPU time (user, system), bytes
// allocated by the whole process (GC.GetTotalAllocatedBytes) and GC counts. Prints one "relay ..." line; runs until
// killed.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Lyrebird.Media.Recording;
using Lyrebird.Media.Relay;

int calls = int.Parse(args[0], CultureInfo.InvariantCulture);
int portMin = int.Parse(args[1], CultureInfo.InvariantCulture);
int phoneBase = int.Parse(args[2], CultureInfo.InvariantCulture);
string portsFile = args[3];
double warmup = double.Parse(args[4], CultureInfo.InvariantCulture);
double window = double.Parse(args[5], CultureInfo.InvariantCulture);
int threads = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 1;
string? recordDir = args.Length > 7 ? args[7] : null;
using var recorder = recordDir is null ? null : new CallRecorder();

using var relay = new MediaRelay(new MediaRelayOptions
{
    BindAddress = IPAddress.Loopback,
    PortMin = portMin,
    PortMax = portMin + (calls * 4) + 99,
    IoThreads = threads,
});
relay.Start();

var sessions = new List<MediaSession>(calls);
var lines = new System.Text.StringBuilder();
for (int i = 0; i < calls; i++)
{
    var phoneA = new MediaRemote(new IPEndPoint(IPAddress.Loopback, phoneBase + (4 * i)));
    var phoneB = new MediaRemote(new IPEndPoint(IPAddress.Loopback, phoneBase + (4 * i) + 2));
    if (!relay.TryCreateSession(phoneA, phoneB, out MediaSession? session))
    {
        Console.Error.WriteLine($"could not create session {i}");
        return 1;
    }

    if (recorder is not null)
    {
        Directory.CreateDirectory(recordDir!);
        var recording = recorder.Start(new RecordingStartOptions
        {
            Path = Path.Combine(recordDir!, $"call-{i}.wav"),
            CallerPayloads = RecordingPayloadMap.CreateStatic(),
            StartTimestamp = TimeProvider.System.GetTimestamp(),
        });
        session.Tap = new RecordingTap(recording);
    }

    sessions.Add(session);
    lines.Append(CultureInfo.InvariantCulture, $"{session.A.LocalRtpPort} {session.B.LocalRtpPort}\n");
}

File.WriteAllText(portsFile + ".tmp", lines.ToString());
File.Move(portsFile + ".tmp", portsFile, overwrite: true);

while (relay.GetStatistics().PacketsForwarded == 0)
{
    Thread.Sleep(10);
}

Thread.Sleep(TimeSpan.FromSeconds(warmup));
using var process = Process.GetCurrentProcess();
process.Refresh();
TimeSpan user0 = process.UserProcessorTime, system0 = process.PrivilegedProcessorTime;
int gc0 = GC.CollectionCount(0), gc1 = GC.CollectionCount(1), gc2 = GC.CollectionCount(2);
long start = Stopwatch.GetTimestamp();
long forwarded0 = relay.GetStatistics().PacketsForwarded;
long allocated0 = GC.GetTotalAllocatedBytes(precise: true);

Thread.Sleep(TimeSpan.FromSeconds(window));

long allocated1 = GC.GetTotalAllocatedBytes(precise: true);
long forwarded1 = relay.GetStatistics().PacketsForwarded;
double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
int gcs0 = GC.CollectionCount(0) - gc0, gcs1 = GC.CollectionCount(1) - gc1, gcs2 = GC.CollectionCount(2) - gc2;
process.Refresh();
double user = (process.UserProcessorTime - user0).TotalSeconds, system = (process.PrivilegedProcessorTime - system0).TotalSeconds;

MediaRelayStatistics stats = relay.GetStatistics();
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"relay impl={(recorder is null ? "lyrebird" : "lyrebird+rec")} packets={forwarded1 - forwarded0} wall_s={wall:F3} user_s={user:F3} sys_s={system:F3} alloc_bytes={allocated1 - allocated0} gc0={gcs0} gc1={gcs1} gc2={gcs2} dropped_total={stats.PacketsDropped}"));
Console.Out.Flush();
Thread.Sleep(Timeout.Infinite);
return 0;

/// <summary>Feeds a call's RTP to its recording, as Core's recording controller does.</summary>
internal sealed class RecordingTap(RecordingSession recording) : IMediaTap
{
    public void OnPacket(MediaSession session, in MediaTapPacket packet)
    {
        if (packet.Kind == Lyrebird.Media.Rtp.MediaPacketKind.Rtp)
        {
            recording.Tap(packet.Data, packet.Timestamp, packet.ReceivedOn == MediaLegId.A ? RecordingParty.Caller : RecordingParty.Callee);
        }
    }
}
