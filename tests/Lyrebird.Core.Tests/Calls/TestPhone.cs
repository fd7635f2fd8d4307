using System.Globalization;
using System.Net;
using System.Text;
using Lyrebird.Sdp.Model;
using Lyrebird.Sdp.Parsing;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.UserAgent.Authentication;
using Lyrebird.Sip.UserAgent.Dialogs;
using Lyrebird.Sip.Uris;

namespace Lyrebird.Core.Tests.Calls;

/// <summary>A scripted phone talking to an <see cref="InProcessPbx"/>: builds requests and responses as a phone would,
/// reads what the PBX sent to its address, and keeps its own dialog (with the stack's <see cref="Dialog"/>).</summary>
internal sealed class TestPhone(InProcessPbx pbx, string extension, string password, IPEndPoint address)
{
    private uint _cseq = 1;
    private readonly string _callId = SipIds.NewCallId();

    public string Extension { get; } = extension;

    public IPEndPoint Address { get; } = address;

    public string Tag { get; } = SipIds.NewTag();

    /// <summary>The user part of From (the extension unless a test forges it).</summary>
    public string? FromUser { get; init; }

    public string Contact => $"<sip:{Extension}@{Address.Address}:{Address.Port}>";

    /// <summary>This phone's dialog of its current call.</summary>
    public Dialog? Dialog { get; set; }

    /// <summary>The last INVITE this phone sent (caller side).</summary>
    public SipRequest? LastInvite { get; private set; }

    public static string Sdp(IPEndPoint address, int rtpPort, string direction = "sendrecv", string codecs = "0 8 101") =>
        "v=0\r\n" +
        $"o=- 4711 4711 IN IP4 {address.Address}\r\n" +
        "s=-\r\n" +
        $"c=IN IP4 {address.Address}\r\n" +
        "t=0 0\r\n" +
        $"m=audio {rtpPort} RTP/AVP {codecs}\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:18 G729/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        $"a={direction}\r\n";

    public string Sdp(string direction = "sendrecv") => Sdp(Address, 30000, direction);

    public List<SipMessage> Inbox() => pbx.TakeFor(Address);

    public T Single<T>(string? method = null, int? status = null)
        where T : SipMessage
    {
        var messages = Inbox().OfType<T>().Where(m => m is SipRequest r ? method is null || r.Method == method : status is null || ((SipResponse)(object)m).StatusCode == status).ToList();
        return Assert.Single(messages);
    }

    public void Register()
    {
        var register = NewRequest("REGISTER", $"sip:{IPAddress.Loopback}", $"<sip:{Extension}@{IPAddress.Loopback}>", null, null);
        register.Headers.Add(HeaderId.Contact, Contact);
        register.Headers.Add(HeaderId.Expires, "3600");
        pbx.Deliver(register, Address);
        var challenge = Inbox().OfType<SipResponse>().Single(r => r.StatusCode == 401);
        var again = NewRequest("REGISTER", $"sip:{IPAddress.Loopback}", $"<sip:{Extension}@{IPAddress.Loopback}>", null, null);
        again.Headers.Add(HeaderId.Contact, Contact);
        again.Headers.Add(HeaderId.Expires, "3600");
        again.Headers.Add(HeaderId.Authorization, Answer(challenge.Headers.GetAll(HeaderId.WwwAuthenticate).Last().Value, again));
        pbx.Deliver(again, Address);
        Assert.Contains(Inbox().OfType<SipResponse>(), r => r.StatusCode == 200);
    }

    /// <summary>Sends an INVITE (no credentials unless <paramref name="challenge"/> is given) and returns it.</summary>
    public SipRequest Invite(string callee, string? sdp = null, string? challenge = null, int? maxForwards = null, string? extraVia = null)
    {
        var invite = NewRequest("INVITE", $"sip:{callee}@{IPAddress.Loopback}", $"<sip:{callee}@{IPAddress.Loopback}>", sdp ?? Sdp(), extraVia);
        invite.Headers.Add(HeaderId.Contact, Contact);
        if (maxForwards is { } mf)
        {
            invite.Headers.Set(HeaderId.MaxForwards, mf.ToString(CultureInfo.InvariantCulture));
        }

        if (challenge is not null)
        {
            invite.Headers.Add(HeaderId.ProxyAuthorization, Answer(challenge, invite));
        }

        LastInvite = invite;
        pbx.Deliver(invite, Address);
        return invite;
    }

    /// <summary>INVITE, 407, INVITE with credentials (what phones do); returns the authenticated INVITE.</summary>
    public SipRequest Call(string callee, string? sdp = null)
    {
        Invite(callee, sdp);
        var challenge = Single<SipResponse>(status: 407);
        Assert.Equal(challenge.ToTag, challenge.ToTag);
        pbx.Deliver(AckFor(LastInvite!, challenge), Address);
        return Invite(callee, sdp, challenge.Headers.GetAll(HeaderId.ProxyAuthenticate).Last().Value);
    }

    /// <summary>ACK for a non-2xx final response (same branch, §17.1.1.3).</summary>
    public static SipRequest AckFor(SipRequest invite, SipResponse response)
    {
        var ack = new SipRequest(SipMethods.Ack, invite.RequestUri);
        ack.Headers.CopyFrom(invite.Headers, HeaderId.Via);
        ack.Headers.Add(HeaderId.MaxForwards, "70");
        ack.Headers.CopyFrom(invite.Headers, HeaderId.From);
        ack.Headers.CopyFrom(response.Headers, HeaderId.To);
        ack.Headers.CopyFrom(invite.Headers, HeaderId.CallId);
        ack.Headers.Add(HeaderId.CSeq, invite.CSeq!.Value.Number.ToString(CultureInfo.InvariantCulture) + " ACK");
        return ack;
    }

    /// <summary>Caller side: the 200 arrived; build the dialog and ACK it.</summary>
    public void AckAnswer(SipResponse ok)
    {
        Dialog = Sip.UserAgent.Dialogs.Dialog.CreateUac(LastInvite!, ok)!;
        pbx.Deliver(Dialog.CreateAck(LastInvite!.CSeq!.Value.Number, NewVia()), Address);
    }

    /// <summary>Callee side: answers a received INVITE (tag added; SDP for 2xx and, when given, 183).</summary>
    public SipResponse Respond(SipRequest invite, int status, string? sdp = null, string? reason = null)
    {
        var response = SipResponseFactory.Create(invite, status, reason, Tag);
        response.Headers.Add(HeaderId.Contact, Contact);
        if (sdp is not null)
        {
            response.Headers.Add(HeaderId.ContentType, "application/sdp");
            response.Body = Encoding.ASCII.GetBytes(sdp);
        }

        if (status is >= 200 and < 300 && invite.ToTag is null)
        {
            Dialog = Sip.UserAgent.Dialogs.Dialog.CreateUas(invite, response, Contact);
        }

        pbx.Deliver(response, Address);
        return response;
    }

    /// <summary>A request in this phone's dialog (BYE, re-INVITE, INFO, …).</summary>
    public SipRequest SendInDialog(string method, string? body = null, string contentType = "application/sdp", Action<SipRequest>? edit = null)
    {
        var request = Dialog!.CreateRequest(method, NewVia());
        if (body is not null)
        {
            request.Headers.Add(HeaderId.ContentType, contentType);
            request.Body = Encoding.ASCII.GetBytes(body);
        }

        edit?.Invoke(request);
        pbx.Deliver(request, Address);
        return request;
    }

    public void Cancel()
    {
        var cancel = new SipRequest(SipMethods.Cancel, LastInvite!.RequestUri);
        cancel.Headers.CopyFrom(LastInvite.Headers, HeaderId.Via);
        cancel.Headers.Add(HeaderId.MaxForwards, "70");
        cancel.Headers.CopyFrom(LastInvite.Headers, HeaderId.From);
        cancel.Headers.CopyFrom(LastInvite.Headers, HeaderId.To);
        cancel.Headers.CopyFrom(LastInvite.Headers, HeaderId.CallId);
        cancel.Headers.Add(HeaderId.CSeq, LastInvite.CSeq!.Value.Number.ToString(CultureInfo.InvariantCulture) + " CANCEL");
        pbx.Deliver(cancel, Address);
    }

    public void Ok(SipRequest request) => pbx.Deliver(SipResponseFactory.Create(request, 200), Address);

    public static SessionDescription Body(SipMessage message) => SdpParser.Parse(message.Body.Span).Value!;

    public SipVia NewVia() => new("UDP", Address.Address.ToString(), Address.Port) { Branch = SipIds.NewBranch() };

    private SipRequest NewRequest(string method, string uri, string to, string? sdp, string? extraVia)
    {
        var request = new SipRequest(method, SipUri.Parse(uri));
        var headers = request.Headers;
        headers.Add(HeaderId.Via, NewVia().ToString());
        if (extraVia is not null)
        {
            headers.Add(HeaderId.Via, extraVia);
        }

        headers.Add(HeaderId.MaxForwards, "70");
        headers.Add(HeaderId.From, $"\"Phone {Extension}\" <sip:{FromUser ?? Extension}@{IPAddress.Loopback}>;tag={Tag}");
        headers.Add(HeaderId.To, to);
        headers.Add(HeaderId.CallId, method == "REGISTER" ? _callId + "-reg" : _callId);
        headers.Add(HeaderId.CSeq, (_cseq++).ToString(CultureInfo.InvariantCulture) + " " + method);
        if (sdp is not null)
        {
            headers.Add(HeaderId.ContentType, "application/sdp");
            request.Body = Encoding.ASCII.GetBytes(sdp);
        }

        return request;
    }

    private string Answer(string challenge, SipRequest request) =>
        DigestClient.CreateAuthorization(challenge, request.Method, request.RequestUri.ToString(), Extension, password)!;
}
