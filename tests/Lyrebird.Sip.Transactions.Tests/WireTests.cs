using System.Net;
using System.Text;
using Lyrebird.Sip.Parsing;
using Lyrebird.Sip.Transport;
using Lyrebird.Sip.Writing;
using Microsoft.Extensions.Time.Testing;

namespace Lyrebird.Sip.Transactions.Tests;

/// <summary>The layer fed with parsed wire bytes, its output written back to bytes.</summary>
public sealed class WireTests
{
    private const string InviteText =
        "INVITE sip:bob@example.test SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKwire1;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: \"Alice\" <sip:alice@example.test>;tag=a1\r\n" +
        "To: <sip:bob@example.test>\r\n" +
        "Call-ID: wire-1@192.0.2.10\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:alice@192.0.2.10>\r\n" +
        "Content-Length: 0\r\n\r\n";

    [Fact]
    public void Parsed_INVITE_retransmission_is_absorbed_and_the_486_and_its_ACK_round_trip_through_the_writer()
    {
        var time = new FakeTimeProvider();
        var sender = new FakeSender();
        var user = new RecordingUser();
        var flow = new SipFlow(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060), new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5060));
        using var layer = new TransactionLayer(sender, user, time);
        var bytes = Encoding.ASCII.GetBytes(InviteText);

        layer.OnMessage(SipMessageParser.Parse(bytes, SipLimits.Default).Message!, flow);
        layer.OnMessage(SipMessageParser.Parse(bytes, SipLimits.Default).Message!, flow); // retransmission
        var tx = Assert.Single(user.Requests);
        var busy = Lyrebird.Sip.Messages.SipResponseFactory.Create(tx.Request, 486);
        tx.Respond(busy);
        var written = Encoding.ASCII.GetString(SipMessageWriter.ToArray(Assert.Single(sender.Sent).Message));
        Assert.StartsWith("SIP/2.0 486 Busy Here\r\n", written, StringComparison.Ordinal);
        Assert.Contains("branch=z9hG4bKwire1", written, StringComparison.Ordinal);

        var ackText = "ACK sip:bob@example.test SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKwire1;rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: \"Alice\" <sip:alice@example.test>;tag=a1\r\n" +
            $"To: <sip:bob@example.test>;tag={busy.ToTag}\r\n" +
            "Call-ID: wire-1@192.0.2.10\r\n" +
            "CSeq: 314159 ACK\r\n" +
            "Content-Length: 0\r\n\r\n";
        layer.OnMessage(SipMessageParser.Parse(Encoding.ASCII.GetBytes(ackText), SipLimits.Default).Message!, flow);

        Assert.Equal(ServerInviteState.Confirmed, tx.InviteState);
        Assert.Equal(["request INVITE"], user.Events);
    }
}
