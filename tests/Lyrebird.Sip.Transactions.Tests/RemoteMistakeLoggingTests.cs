using System.Net;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using static Lyrebird.Sip.Transactions.Tests.TestMessages;

namespace Lyrebird.Sip.Transactions.Tests;

public sealed class RemoteMistakeLoggingTests
{
    [Fact]
    public void Stray_merged_and_unmatched_messages_and_timeouts_log_nothing_above_Debug()
    {
        var logger = new FakeLogger<TransactionLayer>();
        var time = new FakeTimeProvider();
        var flow = new SipFlow(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060), new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5060));
        using var layer = new TransactionLayer(new FakeSender(), new RecordingUser(), time, logger);

        var noVia = new SipRequest(SipMethods.Options, Invite().RequestUri);
        layer.OnMessage(noVia, flow);                                                     // unusable request
        layer.OnMessage(Response(Options(branch: "z9hG4bKnone"), 200), flow);            // stray response
        layer.OnMessage(Request(SipMethods.Cancel, branch: "z9hG4bKnone"), flow);        // CANCEL without INVITE
        layer.OnMessage(Request(SipMethods.Invite, branch: "z9hG4bKp1"), flow);
        layer.OnMessage(Request(SipMethods.Invite, branch: "z9hG4bKp2", sentBy: "192.0.2.20"), flow); // merged
        layer.SendRequest(Options(branch: "z9hG4bKmine"), flow);
        for (var i = 0; i < 800; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));                                  // Timer F and H time-outs
        }

        Assert.NotEmpty(logger.Collector.GetSnapshot());
        Assert.All(logger.Collector.GetSnapshot(), r => Assert.True(r.Level <= LogLevel.Debug, $"{r.Level}: {r.Message}"));
    }
}
