using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transactions;
using Lyrebird.Sip.Transport;
using Lyrebird.Sip.UserAgent.Authentication;

namespace Lyrebird.Core.Signaling;

public sealed partial class PbxSignaling
{
    /// <summary>REGISTER (RFC 3261 §10.3): To must be a SIP URI; credentials via Authorization (401); the authenticated
    /// user may register only its own address-of-record (403 otherwise).</summary>
    private void HandleRegister(ServerTransaction transaction, SipRequest request, SipFlow flow)
    {
        try
        {
            transaction.Respond(Register(request, flow));
        }
#pragma warning disable CA1031 // our bug or a storage failure: answer 500 rather than leave the phone retransmitting
        catch (Exception e)
#pragma warning restore CA1031
        {
            SipServerLog.RequestFailed(_logger, request.Method, e);
            transaction.Respond(SipResponseFactory.Create(request, SipStatusCodes.ServerInternalError, "Registration Could Not Be Stored"));
        }
    }

    private SipResponse Register(SipRequest request, SipFlow flow)
    {
        var to = request.To;
        if (to is null || to.Uri.Scheme is not ("sip" or "sips") || string.IsNullOrEmpty(to.Uri.User))
        {
            return SipResponseFactory.Create(request, SipStatusCodes.BadRequest, "To Must Be A SIP URI With A User");
        }

        var result = _authenticator.Authenticate(request, flow.Remote.Address, proxy: false);
        if (!result.IsAuthenticated)
        {
            LogAuthenticationFailure(result, flow);
            return _authenticator.CreateRejection(request, result, proxy: false);
        }

        if (!string.Equals(to.Uri.User, result.Username, StringComparison.Ordinal))
        {
            SipServerLog.RegisterForOtherUser(_logger, result.Username!, to.Uri.User, flow);
            return SipResponseFactory.Create(request, SipStatusCodes.Forbidden, "Not Allowed To Register This Address");
        }

        var response = _registrar.Register(request, result.Username!, flow);
        if (response.StatusCode == SipStatusCodes.Ok)
        {
            _metrics.Registered();
            var contacts = response.Headers.CountOf(Sip.Headers.HeaderId.Contact);
            SipServerLog.Registered(_logger, result.Username!, flow, contacts);
        }

        return response;
    }

    private void LogAuthenticationFailure(AuthenticationResult result, SipFlow flow)
    {
        switch (result.Outcome)
        {
            case AuthenticationOutcome.Forbidden when result.Reason == "Cool-Down Started":
                _metrics.AuthenticationFailed("forbidden");
                _metrics.CoolDownStarted();
                SipServerLog.AuthenticationCoolDownStarted(_logger, flow.Remote.Address, _options.AuthCoolDown);
                break;
            case AuthenticationOutcome.Forbidden:
                _metrics.AuthenticationFailed("forbidden");
                SipServerLog.AuthenticationFailed(_logger, result.Username ?? "", flow);
                break;
            case AuthenticationOutcome.CoolingDown:
                _metrics.AuthenticationFailed("cooling-down");
                break;
        }
    }
}
