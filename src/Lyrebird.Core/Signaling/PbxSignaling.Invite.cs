using Lyrebird.Sdp.Negotiation;
using Lyrebird.Sdp.Parsing;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transactions;
using Lyrebird.Sip.Transport;

namespace Lyrebird.Core.Signaling;

public sealed partial class PbxSignaling
{
    /// <summary>
    /// An INVITE outside a dialog: Max-Forwards 0 → 483; our own branch in a Via → 482; Proxy-Authorization (407
    /// challenge, 403 on failure); the From user must be the authenticated user (403); the Request-URI user is the callee
    /// extension (404 unknown, 480 not registered); the SDP offer must parse and keep a recordable codec (488 with a
    /// Warning). A Request-URI user that is a recorder target (<see cref="PbxOptions.RecorderTargets"/>) starts a
    /// <see cref="Calls.RecorderCall"/> instead. Then the call starts (100 Trying, INVITEs to the callee's contacts).
    /// </summary>
    private void HandleInvite(ServerTransaction transaction, SipRequest request, SipFlow flow)
    {
        try
        {
            if (Invite(transaction, request, flow) is { } rejection)
            {
                transaction.Respond(rejection);
            }
        }
#pragma warning disable CA1031 // our bug or a storage failure: answer 500 rather than leave the phone retransmitting
        catch (Exception e)
#pragma warning restore CA1031
        {
            SipServerLog.RequestFailed(_logger, request.Method, e);
            transaction.Respond(SipResponseFactory.Create(request, SipStatusCodes.ServerInternalError, "Call Could Not Be Started"));
        }
    }

    /// <summary>The rejection to send, or null when a call was started (it sends its own responses).</summary>
    private SipResponse? Invite(ServerTransaction transaction, SipRequest request, SipFlow flow)
    {
        if (request.MaxForwards == 0)
        {
            return SipResponseFactory.Create(request, SipStatusCodes.TooManyHops);
        }

        if (Calls.IsLoop(request))
        {
            return SipResponseFactory.Create(request, SipStatusCodes.LoopDetected);
        }

        var result = _authenticator.Authenticate(request, flow.Remote.Address, proxy: true);
        if (!result.IsAuthenticated)
        {
            LogAuthenticationFailure(result, flow);
            return _authenticator.CreateRejection(request, result, proxy: true);
        }

        if (!string.Equals(request.From?.Uri.User, result.Username, StringComparison.Ordinal) || _users.Find(result.Username!) is not { } caller)
        {
            SipServerLog.CallAsOtherUser(_logger, result.Username!, request.From?.Uri.User, flow);
            return SipResponseFactory.Create(request, SipStatusCodes.Forbidden, "From Does Not Match The Authenticated User");
        }

        var callee = request.RequestUri.User;
        if (_options.IsRecorderTarget(callee))
        {
            return RecorderInvite(transaction, request, flow, caller, callee!);
        }

        if (string.IsNullOrEmpty(callee) || _users.Find(callee) is null)
        {
            return SipResponseFactory.Create(request, SipStatusCodes.NotFound);
        }

        var bindings = _registrar.Lookup(callee);
        if (bindings.Count == 0)
        {
            return SipResponseFactory.Create(request, SipStatusCodes.TemporarilyUnavailable, "Not Registered");
        }

        if (request.Body.IsEmpty)
        {
            return NotAcceptable(request, "399 lyrebird \"INVITE without an SDP offer is not supported\"");
        }

        var offer = SdpParser.Parse(request.Body.Span);
        if (!offer.IsOk)
        {
            return NotAcceptable(request, $"399 lyrebird \"{offer.Error.Message.Replace('"', '\'')}\"");
        }

        var filtered = OfferAnswer.FilterOffer(offer.Value, Calls.Codecs);
        if (!filtered.IsOk)
        {
            return NotAcceptable(request, $"{filtered.Error.WarningCode} lyrebird \"{filtered.Error.Message.Replace('"', '\'')}\"");
        }

        Calls.StartCall(transaction, request, flow, caller, callee, bindings, filtered.Value);
        return null;
    }

    /// <summary>A call to a recording-account URI (RECORDING.md §2): the caller's policy must allow recording (403 +
    /// Warning for <c>never</c>), the offer must parse (488); the recorder call answers the rest itself.</summary>
    private SipResponse? RecorderInvite(ServerTransaction transaction, SipRequest request, SipFlow flow, Users.User caller, string target)
    {
        if (caller.RecordingPolicy == Users.RecordingPolicy.Never)
        {
            var refused = SipResponseFactory.Create(request, SipStatusCodes.Forbidden);
            refused.Headers.Add(HeaderId.Warning, "399 lyrebird \"Recording not permitted\"");
            return refused;
        }

        if (request.Body.IsEmpty)
        {
            return NotAcceptable(request, "399 lyrebird \"INVITE without an SDP offer is not supported\"");
        }

        var offer = SdpParser.Parse(request.Body.Span);
        if (!offer.IsOk)
        {
            return NotAcceptable(request, $"399 lyrebird \"{offer.Error.Message.Replace('"', '\'')}\"");
        }

        Calls.StartRecorderCall(transaction, request, flow, caller, target, offer.Value);
        return null;
    }

    private static SipResponse NotAcceptable(SipRequest request, string warning)
    {
        var response = SipResponseFactory.Create(request, SipStatusCodes.NotAcceptableHere);
        response.Headers.Add(HeaderId.Warning, warning);
        return response;
    }
}
