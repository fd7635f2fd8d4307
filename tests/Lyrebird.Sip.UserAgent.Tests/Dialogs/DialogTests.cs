using System.Text;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Parsing;
using Lyrebird.Sip.UserAgent.Dialogs;

namespace Lyrebird.Sip.UserAgent.Tests.Dialogs;

public sealed class DialogTests
{
    private const string Invite =
        "INVITE sip:201@pbx.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKcaller1\r\n" +
        "Record-Route: <sip:p2.example.com;lr>\r\n" +
        "Record-Route: <sip:p1.example.com;lr>\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: \"Alice\" <sip:200@pbx.example.com>;tag=alice1\r\n" +
        "To: <sip:201@pbx.example.com>\r\n" +
        "Call-ID: call-1@192.0.2.10\r\n" +
        "CSeq: 17 INVITE\r\n" +
        "Contact: <sip:200@192.0.2.10:5060;line=abc>\r\n" +
        "Content-Length: 0\r\n\r\n";

    private static SipRequest ParseRequest(string text) => (SipRequest)SipMessageParser.Parse(Encoding.ASCII.GetBytes(text), SipLimits.Default).Message!;

    private static SipVia NewVia() => new("UDP", "198.51.100.1", 5060) { Branch = SipIds.NewBranch() };

    private static SipResponse Answer(SipRequest invite, int status, string toTag, string contact = "<sip:lyrebird@198.51.100.1:5060>")
    {
        var response = SipResponseFactory.Create(invite, status, toTag: toTag);
        response.Headers.Add(HeaderId.Contact, contact);
        return response;
    }

    [Fact]
    public void Uas_dialog_takes_identity_target_routes_and_remote_cseq_from_the_invite()
    {
        var invite = ParseRequest(Invite);

        var dialog = Dialog.CreateUas(invite, Answer(invite, 200, "pbx1"), "<sip:lyrebird@198.51.100.1:5060>")!;

        Assert.Equal(new DialogId("call-1@192.0.2.10", "pbx1", "alice1"), dialog.Id);
        Assert.Equal(DialogState.Confirmed, dialog.State);
        Assert.False(dialog.IsUac);
        Assert.Equal("sip:200@192.0.2.10:5060;line=abc", dialog.RemoteTarget.ToString());
        Assert.Equal(["<sip:p2.example.com;lr>", "<sip:p1.example.com;lr>"], dialog.RouteSet);
        Assert.Equal(17u, dialog.RemoteCSeq);
        Assert.Equal(0u, dialog.LocalCSeq);
    }

    [Fact]
    public void Provisional_response_with_tag_creates_an_early_dialog()
    {
        var invite = ParseRequest(Invite);

        var dialog = Dialog.CreateUas(invite, Answer(invite, 180, "pbx1"), null)!;

        Assert.Equal(DialogState.Early, dialog.State);
        dialog.Confirm();
        Assert.Equal(DialogState.Confirmed, dialog.State);
    }

    [Fact]
    public void Uac_dialog_reverses_record_route_and_keeps_our_cseq()
    {
        var invite = ParseRequest(Invite);
        var ok = Answer(invite, 200, "bob1", "<sip:201@203.0.113.5:5062>");
        ok.Headers.Add(HeaderId.RecordRoute, "<sip:p1.example.com;lr>");
        ok.Headers.Add(HeaderId.RecordRoute, "<sip:p2.example.com;lr>");

        var dialog = Dialog.CreateUac(invite, ok)!;

        Assert.True(dialog.IsUac);
        Assert.Equal(new DialogId("call-1@192.0.2.10", "alice1", "bob1"), dialog.Id);
        Assert.Equal(["<sip:p2.example.com;lr>", "<sip:p1.example.com;lr>"], dialog.RouteSet);
        Assert.Equal("sip:201@203.0.113.5:5062", dialog.RemoteTarget.ToString());
        Assert.Equal(17u, dialog.LocalCSeq);
        Assert.Null(dialog.RemoteCSeq);
    }

    [Fact]
    public void Two_hundred_on_an_early_uac_dialog_confirms_it_and_recomputes_the_target()
    {
        var invite = ParseRequest(Invite);
        var dialog = Dialog.CreateUac(invite, Answer(invite, 183, "bob1", "<sip:201@203.0.113.5:5062>"))!;
        Assert.Equal(DialogState.Early, dialog.State);

        dialog.Confirm(Answer(invite, 200, "bob1", "<sip:201@203.0.113.9:5070>"));

        Assert.Equal(DialogState.Confirmed, dialog.State);
        Assert.Equal("sip:201@203.0.113.9:5070", dialog.RemoteTarget.ToString());
    }

    [Fact]
    public void In_dialog_request_follows_section_12_2_1_1()
    {
        var invite = ParseRequest(Invite);
        var dialog = Dialog.CreateUac(invite, Answer(invite, 200, "bob1", "<sip:201@203.0.113.5:5062>"))!;
        var via = NewVia();

        var bye = dialog.CreateRequest(SipMethods.Bye, via);

        Assert.Equal("sip:201@203.0.113.5:5062", bye.RequestUri.ToString());
        Assert.Equal(new SipCSeq(18, "BYE"), bye.CSeq);
        Assert.Equal("alice1", bye.FromTag);
        Assert.Equal("bob1", bye.ToTag);
        Assert.Equal("call-1@192.0.2.10", bye.CallId);
        Assert.Equal(70, bye.MaxForwards);
        Assert.Equal(via.Branch, bye.TopVia!.Branch);
        Assert.Equal("\"Alice\" <sip:200@pbx.example.com>;tag=alice1", bye.Headers.GetFirstValue(HeaderId.From));
        Assert.False(bye.Headers.Contains(HeaderId.Contact));
        Assert.Equal(new SipCSeq(19, "INFO"), dialog.CreateRequest(SipMethods.Info, NewVia()).CSeq);
    }

    [Fact]
    public void Target_refresh_requests_carry_our_contact()
    {
        var invite = ParseRequest(Invite);
        var dialog = Dialog.CreateUas(invite, Answer(invite, 200, "pbx1"), "<sip:lyrebird@198.51.100.1:5060>")!;

        var reinvite = dialog.CreateRequest(SipMethods.Invite, NewVia());

        Assert.Equal("<sip:lyrebird@198.51.100.1:5060>", reinvite.Headers.GetFirstValue(HeaderId.Contact));
        Assert.Equal(["<sip:p2.example.com;lr>", "<sip:p1.example.com;lr>"], reinvite.Headers.GetAll(HeaderId.Route).Select(h => h.Value));
        Assert.Equal(new SipCSeq(1, "INVITE"), reinvite.CSeq);
        Assert.Equal("pbx1", reinvite.FromTag);
        Assert.Equal("alice1", reinvite.ToTag);
    }

    [Fact]
    public void Ack_for_2xx_reuses_the_invite_cseq_number_and_does_not_advance_the_local_cseq()
    {
        var invite = ParseRequest(Invite);
        var dialog = Dialog.CreateUac(invite, Answer(invite, 200, "bob1"))!;

        var ack = dialog.CreateAck(17, NewVia());

        Assert.Equal(SipMethods.Ack, ack.Method);
        Assert.Equal(new SipCSeq(17, "ACK"), ack.CSeq);
        Assert.Equal(17u, dialog.LocalCSeq);
        Assert.Throws<ArgumentException>(() => dialog.CreateRequest(SipMethods.Ack, NewVia()));
    }

    [Fact]
    public void Strict_router_becomes_the_request_uri_and_the_target_goes_last()
    {
        var invite = ParseRequest(Invite);
        var ok = Answer(invite, 200, "bob1", "<sip:201@203.0.113.5>");
        ok.Headers.Add(HeaderId.RecordRoute, "<sip:strict.example.com>");

        var bye = Dialog.CreateUac(invite, ok)!.CreateRequest(SipMethods.Bye, NewVia());

        Assert.Equal("sip:strict.example.com", bye.RequestUri.ToString());
        Assert.Equal(["<sip:201@203.0.113.5>"], bye.Headers.GetAll(HeaderId.Route).Select(h => h.Value));
    }

    [Fact]
    public void Lower_cseq_is_out_of_order_and_higher_advances_the_remote_cseq()
    {
        var invite = ParseRequest(Invite);
        var dialog = Dialog.CreateUas(invite, Answer(invite, 200, "pbx1"), null)!;

        var old = ParseRequest(Invite.Replace("CSeq: 17 INVITE", "CSeq: 16 INFO", StringComparison.Ordinal).Replace("INVITE sip", "INFO sip", StringComparison.Ordinal));
        var next = ParseRequest(Invite.Replace("CSeq: 17 INVITE", "CSeq: 20 BYE", StringComparison.Ordinal).Replace("INVITE sip", "BYE sip", StringComparison.Ordinal));

        Assert.Equal(DialogRequestCheck.OutOfOrder, dialog.CheckInboundRequest(old));
        Assert.Equal(DialogRequestCheck.Accepted, dialog.CheckInboundRequest(next));
        Assert.Equal(20u, dialog.RemoteCSeq);
    }

    [Fact]
    public void Target_refresh_replaces_the_remote_target()
    {
        var invite = ParseRequest(Invite);
        var dialog = Dialog.CreateUas(invite, Answer(invite, 200, "pbx1"), null)!;
        var reinvite = ParseRequest(Invite.Replace("192.0.2.10:5060;line=abc", "192.0.2.77:5090", StringComparison.Ordinal));

        Assert.True(dialog.RefreshTarget(reinvite));

        Assert.Equal("sip:200@192.0.2.77:5090", dialog.RemoteTarget.ToString());
    }

    [Fact]
    public void Invite_without_contact_or_from_tag_creates_no_dialog()
    {
        var noContact = ParseRequest(Invite.Replace("Contact: <sip:200@192.0.2.10:5060;line=abc>\r\n", "", StringComparison.Ordinal));
        var noTag = ParseRequest(Invite.Replace(";tag=alice1", "", StringComparison.Ordinal));

        Assert.Null(Dialog.CreateUas(noContact, Answer(noContact, 200, "x"), null));
        Assert.Null(Dialog.CreateUas(noTag, Answer(noTag, 200, "x"), null));
    }
}
