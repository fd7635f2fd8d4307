using Lyrebird.Sip.Messages;
using static Lyrebird.Sip.Transactions.Tests.TestMessages;

namespace Lyrebird.Sip.Transactions.Tests;

/// <summary>
/// Model tests: random event sequences against each machine, checking properties that must hold whatever happens —
/// the machine always reaches Terminated once the peer/TU finally answers and the timers run out, nothing is sent after
/// Terminated, no timer is left running, and retransmission intervals follow the RFC (A doubles; E and G double up to T2).
/// Seeds are fixed so that a failure replays.
/// </summary>
public sealed class TransactionModelTests
{
    private const int Runs = 300;
    private static readonly SipTimers Timers = SipTimers.Default;
    private static readonly int[] Statuses = [100, 180, 183, 200, 202, 302, 404, 486, 503, 603];

    public static TheoryData<bool> Transports => new() { false, true };

    [Theory, MemberData(nameof(Transports))]
    public void Client_INVITE_random_events_always_terminate_and_Timer_A_doubles(bool reliable)
    {
        for (var seed = 0; seed < Runs; seed++)
        {
            var random = new Random(seed);
            var wire = new MachineHarness();
            var invite = Invite();
            var tx = new ClientInviteTransaction(invite, reliable, Timers, wire);
            var firings = RecordFirings(wire, tx.OnTimer);
            tx.Start();

            for (var i = random.Next(30); i > 0; i--)
            {
                switch (random.Next(4))
                {
                    case 0: tx.OnResponse(Response(invite, Statuses[random.Next(Statuses.Length)])); break;
                    case 1: wire.FireNext(); break;
                    case 2: wire.Advance(TimeSpan.FromMilliseconds(random.Next(5000))); break;
                    default: if (random.Next(10) == 0) { tx.OnTransportError(); } break;
                }
            }

            tx.OnResponse(Response(invite, 487)); // the peer finally answers
            RunTimersOut(wire);

            Assert.Equal(ClientInviteState.Terminated, tx.State);
            AssertClean(wire, seed);
            AssertDoubling(firings[SipTimer.A], cap: null, seed);
        }
    }

    [Theory, MemberData(nameof(Transports))]
    public void Client_non_INVITE_random_events_always_terminate_and_Timer_E_doubles_up_to_T2(bool reliable)
    {
        for (var seed = 0; seed < Runs; seed++)
        {
            var random = new Random(seed);
            var wire = new MachineHarness();
            var request = Options();
            var tx = new ClientNonInviteTransaction(request, reliable, Timers, wire);
            var firings = RecordFirings(wire, tx.OnTimer);
            tx.Start();

            for (var i = random.Next(30); i > 0; i--)
            {
                switch (random.Next(4))
                {
                    case 0: tx.OnResponse(Response(request, Statuses[random.Next(Statuses.Length)])); break;
                    case 1: wire.FireNext(); break;
                    case 2: wire.Advance(TimeSpan.FromMilliseconds(random.Next(5000))); break;
                    default: if (random.Next(10) == 0) { tx.OnTransportError(); } break;
                }
            }

            RunTimersOut(wire); // Timer F guarantees the end even without an answer

            Assert.Equal(ClientNonInviteState.Terminated, tx.State);
            AssertClean(wire, seed);
            AssertDoubling(firings[SipTimer.E], cap: Timers.T2, seed, proceedingResetsToT2: true);
        }
    }

    [Theory, MemberData(nameof(Transports))]
    public void Server_INVITE_random_events_always_terminate_and_Timer_G_doubles_up_to_T2(bool reliable)
    {
        for (var seed = 0; seed < Runs; seed++)
        {
            var random = new Random(seed);
            var wire = new MachineHarness();
            var invite = Invite();
            var tx = new ServerInviteTransaction(invite, reliable, Timers, wire);
            var firings = RecordFirings(wire, tx.OnTimer);
            tx.Start();

            for (var i = random.Next(30); i > 0; i--)
            {
                switch (random.Next(6))
                {
                    case 0: tx.SendResponse(Response(invite, Statuses[random.Next(Statuses.Length)])); break;
                    case 1: tx.OnRequestRetransmission(); break;
                    case 2: tx.OnAck(Request(SipMethods.Ack, cseqMethod: SipMethods.Ack)); break;
                    case 3: wire.FireNext(); break;
                    case 4: wire.Advance(TimeSpan.FromMilliseconds(random.Next(5000))); break;
                    default: if (random.Next(10) == 0) { tx.OnTransportError(); } break;
                }
            }

            tx.SendResponse(Response(invite, 480)); // the TU finally answers
            RunTimersOut(wire);

            Assert.Equal(ServerInviteState.Terminated, tx.State);
            AssertClean(wire, seed);
            // Timer G starts with the first 300-699 response.
            var completedAt = wire.Sent.FirstOrDefault(s => s.Message is SipResponse { StatusCode: >= 300 }).At;
            AssertDoubling(firings[SipTimer.G], cap: Timers.T2, seed, start: completedAt);
        }
    }

    [Theory, MemberData(nameof(Transports))]
    public void Server_non_INVITE_random_events_always_terminate(bool reliable)
    {
        for (var seed = 0; seed < Runs; seed++)
        {
            var random = new Random(seed);
            var wire = new MachineHarness();
            var request = Options();
            var tx = new ServerNonInviteTransaction(request, reliable, Timers, wire);
            wire.Fire = tx.OnTimer;

            for (var i = random.Next(30); i > 0; i--)
            {
                switch (random.Next(5))
                {
                    case 0: tx.SendResponse(Response(request, Statuses[random.Next(Statuses.Length)])); break;
                    case 1: tx.OnRequestRetransmission(); break;
                    case 2: wire.FireNext(); break;
                    case 3: wire.Advance(TimeSpan.FromMilliseconds(random.Next(5000))); break;
                    default: if (random.Next(10) == 0) { tx.OnTransportError(); } break;
                }
            }

            tx.SendResponse(Response(request, 200));
            RunTimersOut(wire);

            Assert.Equal(ServerNonInviteState.Terminated, tx.State);
            AssertClean(wire, seed);
        }
    }

    private static Dictionary<SipTimer, List<TimeSpan>> RecordFirings(MachineHarness wire, Action<SipTimer> onTimer)
    {
        var firings = Enum.GetValues<SipTimer>().ToDictionary(t => t, _ => new List<TimeSpan>());
        wire.Fire = timer =>
        {
            firings[timer].Add(wire.Now);
            onTimer(timer);
        };
        return firings;
    }

    private static void RunTimersOut(MachineHarness wire)
    {
        for (var i = 0; i < 1000 && wire.FireNext(); i++)
        {
        }
    }

    private static void AssertClean(MachineHarness wire, int seed)
    {
        Assert.True(wire.IsTerminated, $"seed {seed}: not terminated");
        Assert.True(wire.SentAfterTermination == 0, $"seed {seed}: {wire.SentAfterTermination} sends after Terminated");
        Assert.True(wire.ActiveTimers.Count == 0, $"seed {seed}: timers left running");
        Assert.Equal("terminated", wire.Tu[^1]);
    }

    /// <summary>Firing times of a retransmission timer, measured from the first send at time 0: the first interval is T1,
    /// each next one twice the previous (capped at <paramref name="cap"/>), or T2 when Proceeding resets it.</summary>
    private static void AssertDoubling(List<TimeSpan> firings, TimeSpan? cap, int seed, bool proceedingResetsToT2 = false, TimeSpan start = default)
    {
        var previous = start;
        TimeSpan? interval = null;
        foreach (var at in firings)
        {
            var gap = at - previous;
            var expected = interval is null ? Timers.T1 : interval.Value * 2;
            if (cap is { } c && expected > c)
            {
                expected = c;
            }

            Assert.True(gap == expected || (proceedingResetsToT2 && gap == Timers.T2),
                $"seed {seed}: retransmission interval {gap} after {interval}, expected {expected}");
            previous = at;
            interval = gap;
        }
    }
}
