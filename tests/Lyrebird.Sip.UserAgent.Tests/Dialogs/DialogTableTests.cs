using System.Text;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Parsing;
using Lyrebird.Sip.UserAgent.Dialogs;

namespace Lyrebird.Sip.UserAgent.Tests.Dialogs;

public sealed class DialogTableTests
{
    private static SipRequest Request(string method, string? toTag, string fromTag) => (SipRequest)SipMessageParser.Parse(Encoding.ASCII.GetBytes(
        $"{method} sip:200@192.0.2.10 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n" +
        $"From: <sip:201@x>;tag={fromTag}\r\nTo: <sip:200@x>{(toTag is null ? "" : ";tag=" + toTag)}\r\nCall-ID: c1\r\nCSeq: 5 {method}\r\n" +
        "Contact: <sip:201@192.0.2.20>\r\nContent-Length: 0\r\n\r\n"), SipLimits.Default).Message!;

    private static Dialog NewDialog()
    {
        var invite = Request("INVITE", null, "remote");
        var ok = SipResponseFactory.Create(invite, 200, toTag: "local");
        ok.Headers.Add(HeaderId.Contact, "<sip:pbx@198.51.100.1>");
        return Dialog.CreateUas(invite, ok, null)!;
    }

    [Fact]
    public void In_dialog_request_finds_its_dialog_by_call_id_and_tags()
    {
        var table = new DialogTable<string>();
        var dialog = NewDialog();
        Assert.True(table.TryAdd(dialog, "leg A"));

        Assert.True(table.TryFind(Request("BYE", "local", "remote"), out var found, out var owner));
        Assert.Same(dialog, found);
        Assert.Equal("leg A", owner);
        Assert.False(table.TryFind(Request("BYE", "other", "remote"), out _, out _));
    }

    [Fact]
    public void Remove_takes_the_dialog_out_and_duplicates_are_refused()
    {
        var table = new DialogTable<string>();
        var dialog = NewDialog();
        table.TryAdd(dialog, "a");

        Assert.False(table.TryAdd(NewDialog(), "b"));
        Assert.True(table.Remove(dialog));
        Assert.Equal(0, table.Count);
        Assert.False(table.Remove(dialog));
    }
}
