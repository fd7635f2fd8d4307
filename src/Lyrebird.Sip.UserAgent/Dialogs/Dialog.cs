using System.Globalization;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Uris;

namespace Lyrebird.Sip.UserAgent.Dialogs;

/// <summary>
/// The state of one dialog (RFC 3261 §12): identity, local and remote URIs, the remote target (the peer's Contact),
/// the route set (from Record-Route), the local and remote CSeq numbers and the early/confirmed/terminated state.
/// Builds in-dialog requests (§12.2.1.1), including the ACK for a 2xx (§13.2.2.4), and checks inbound in-dialog
/// requests for order (§12.2.2).
/// </summary>
/// <remarks>Not thread-safe: a dialog belongs to one owner (a call) that serialises access to it.</remarks>
public sealed class Dialog
{
    private List<string> _routeSet;

    private Dialog(DialogId id, bool isUac, SipNameAddress localUri, SipNameAddress remoteUri, SipUri remoteTarget, List<string> routeSet,
        string? localContact)
    {
        Id = id;
        IsUac = isUac;
        LocalUri = localUri;
        RemoteUri = remoteUri;
        RemoteTarget = remoteTarget;
        _routeSet = routeSet;
        LocalContact = localContact;
    }

    public DialogId Id { get; }

    public string CallId => Id.CallId;

    public string LocalTag => Id.LocalTag;

    public string RemoteTag => Id.RemoteTag;

    /// <summary>True when we sent the INVITE that created the dialog.</summary>
    public bool IsUac { get; }

    public DialogState State { get; private set; }

    /// <summary>Our address (From of our requests), without tag.</summary>
    public SipNameAddress LocalUri { get; }

    /// <summary>The peer's address (To of our requests), without tag.</summary>
    public SipNameAddress RemoteUri { get; }

    /// <summary>Where in-dialog requests go: the peer's latest Contact URI (§12.1, refreshed by target refresh requests).</summary>
    public SipUri RemoteTarget { get; private set; }

    /// <summary>The route set (Route values of our requests, in order).</summary>
    public IReadOnlyList<string> RouteSet => _routeSet;

    /// <summary>The CSeq number of the last request we sent in the dialog (0: none yet).</summary>
    public uint LocalCSeq { get; private set; }

    /// <summary>The CSeq number of the last request the peer sent in the dialog; null when it sent none yet.</summary>
    public uint? RemoteCSeq { get; private set; }

    /// <summary>Our Contact (name-addr) for target refresh requests and responses; null to send none.</summary>
    public string? LocalContact { get; set; }

    /// <summary>
    /// UAS side (§12.1.1): the dialog a response with a To tag to <paramref name="request"/> creates. The route set is
    /// the request's Record-Route in order, the remote target its Contact, the remote CSeq its CSeq; a 1xx makes an
    /// early dialog, a 2xx a confirmed one. Null when the request lacks what a dialog needs (From tag, Contact, …).
    /// </summary>
    public static Dialog? CreateUas(SipRequest request, SipResponse response, string? localContact)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        if (request.CallId is not { Length: > 0 } callId || request.From is not { Tag: { } remoteTag } from || response.To is not { Tag: { } localTag } to
            || ContactUri(request) is not { } target || request.CSeq is not { } cseq)
        {
            return null;
        }

        var routes = request.Headers.GetAll(HeaderId.RecordRoute).Select(h => h.Value).ToList();
        var dialog = new Dialog(new DialogId(callId, localTag, remoteTag), isUac: false, WithoutTag(to), WithoutTag(from), target, routes, localContact)
        {
            RemoteCSeq = cseq.Number,
            State = response.IsSuccess ? DialogState.Confirmed : DialogState.Early,
        };
        return dialog;
    }

    /// <summary>
    /// UAC side (§12.1.2): the dialog a response with a To tag to our <paramref name="request"/> creates. The route set
    /// is the response's Record-Route in reverse order, the remote target its Contact, the local CSeq the request's.
    /// Null when the response lacks what a dialog needs (a 2xx or 1xx with To tag and Contact).
    /// </summary>
    public static Dialog? CreateUac(SipRequest request, SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        if (request.CallId is not { Length: > 0 } callId || request.From is not { Tag: { } localTag } from || response.To is not { Tag: { } remoteTag } to
            || ContactUri(response) is not { } target || request.CSeq is not { } cseq || response.StatusCode is < 101 or >= 300)
        {
            return null;
        }

        var contact = request.Headers.GetFirstValue(HeaderId.Contact);
        var dialog = new Dialog(new DialogId(callId, localTag, remoteTag), isUac: true, WithoutTag(from), WithoutTag(to), target, ReversedRecordRoute(response), contact)
        {
            LocalCSeq = cseq.Number,
            State = response.IsSuccess ? DialogState.Confirmed : DialogState.Early,
        };
        return dialog;
    }

    /// <summary>
    /// A 2xx arrived for an early UAC dialog (§13.2.2.4): it becomes confirmed and its route set and remote target are
    /// recomputed from the 2xx. On a UAS dialog (we sent the 2xx) it just becomes confirmed.
    /// </summary>
    public void Confirm(SipResponse? response = null)
    {
        if (State == DialogState.Terminated)
        {
            return;
        }

        if (IsUac && response is not null && State == DialogState.Early)
        {
            _routeSet = ReversedRecordRoute(response);
            if (ContactUri(response) is { } target)
            {
                RemoteTarget = target;
            }
        }

        State = DialogState.Confirmed;
    }

    public void Terminate() => State = DialogState.Terminated;

    /// <summary>
    /// §12.2.2: an in-dialog request whose CSeq is lower than the remote sequence number is out of order (500);
    /// otherwise the remote sequence number becomes the request's. ACK and CANCEL carry the CSeq of the request they
    /// belong to and never change it.
    /// </summary>
    public DialogRequestCheck CheckInboundRequest(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CSeq is not { } cseq)
        {
            return DialogRequestCheck.OutOfOrder;
        }

        if (request.MethodKind is SipMethodKind.Ack or SipMethodKind.Cancel)
        {
            return DialogRequestCheck.Accepted;
        }

        if (RemoteCSeq is { } remote && cseq.Number < remote)
        {
            return DialogRequestCheck.OutOfOrder;
        }

        RemoteCSeq = cseq.Number;
        return DialogRequestCheck.Accepted;
    }

    /// <summary>Target refresh (§12.2.1.2, §12.2.2): a re-INVITE or UPDATE, or a 2xx to one, replaces the remote
    /// target with its Contact. Returns false when the message has no usable Contact (the target is kept).</summary>
    public bool RefreshTarget(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (ContactUri(message) is not { } target)
        {
            return false;
        }

        RemoteTarget = target;
        return true;
    }

    /// <summary>
    /// A request within the dialog (§12.2.1.1): Request-URI the remote target (or, when the first route is a strict
    /// router, that route, with the remote target appended to the Route headers), Route from the route set, To and
    /// From with the tags, Call-ID, CSeq one more than the last we sent, Max-Forwards 70, <paramref name="via"/> as the
    /// only Via (give it a new branch), and our Contact for INVITE and UPDATE (target refresh requests).
    /// </summary>
    public SipRequest CreateRequest(string method, SipVia via)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(via);
        var kind = SipMethods.KindOf(method);
        if (kind is SipMethodKind.Ack or SipMethodKind.Cancel)
        {
            throw new ArgumentException("ACK and CANCEL reuse the CSeq of their INVITE: use CreateAck, or the transaction layer's SendCancel.", nameof(method));
        }

        LocalCSeq++;
        return Build(method, LocalCSeq, via, includeContact: kind is SipMethodKind.Invite or SipMethodKind.Update);
    }

    /// <summary>The ACK for a 2xx to the INVITE with CSeq number <paramref name="inviteCSeq"/> (§13.2.2.4): built like any
    /// in-dialog request, but with the INVITE's CSeq number and method ACK. <paramref name="via"/> needs a new branch
    /// (the ACK of a 2xx is its own transaction).</summary>
    public SipRequest CreateAck(uint inviteCSeq, SipVia via)
    {
        ArgumentNullException.ThrowIfNull(via);
        return Build(SipMethods.Ack, inviteCSeq, via, includeContact: false);
    }

    private SipRequest Build(string method, uint cseq, SipVia via, bool includeContact)
    {
        var requestUri = RemoteTarget.Clone();
        var routes = _routeSet;
        if (routes.Count > 0 && RouteUri(routes[0]) is { LooseRouting: false } strict)
        {
            // §12.2.1.1 strict router: it becomes the Request-URI; the remote target goes last in the Route headers.
            requestUri = strict;
            routes = [.. routes.Skip(1), "<" + RemoteTarget + ">"];
        }

        var request = new SipRequest(method, requestUri);
        var headers = request.Headers;
        headers.Add(HeaderId.Via, via.ToString());
        headers.Add(HeaderId.MaxForwards, "70");
        var from = LocalUri.Clone();
        from.Tag = LocalTag;
        headers.Add(HeaderId.From, from.ToString());
        var to = RemoteUri.Clone();
        to.Tag = RemoteTag;
        headers.Add(HeaderId.To, to.ToString());
        headers.Add(HeaderId.CallId, CallId);
        headers.Add(HeaderId.CSeq, cseq.ToString(CultureInfo.InvariantCulture) + " " + method);
        foreach (var route in routes)
        {
            headers.Add(HeaderId.Route, route);
        }

        if (includeContact && LocalContact is not null)
        {
            headers.Add(HeaderId.Contact, LocalContact);
        }

        return request;
    }

    private static SipNameAddress WithoutTag(SipNameAddress address)
    {
        var copy = address.Clone();
        copy.Parameters.Remove("tag");
        return copy;
    }

    private static SipUri? ContactUri(SipMessage message) =>
        message.Headers.TryGetFirst(HeaderId.Contact, out var h) && SipNameAddress.TryParse(h.RawValue.Span, out var contact) && !contact.IsWildcard
            ? contact.Uri
            : null;

    private static SipUri? RouteUri(string route) => SipNameAddress.TryParse(route, out var na) ? na.Uri : null;

    private static List<string> ReversedRecordRoute(SipResponse response)
    {
        var routes = response.Headers.GetAll(HeaderId.RecordRoute).Select(h => h.Value).ToList();
        routes.Reverse();
        return routes;
    }
}
