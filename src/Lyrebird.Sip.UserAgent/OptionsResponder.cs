using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.UserAgent;

/// <summary>Answers OPTIONS (RFC 3261 §11.2): 200 OK with Allow, Accept, Supported and Server.</summary>
public static class OptionsResponder
{
    public static SipResponse CreateResponse(SipRequest request, UasCapabilities capabilities)
    {
        var response = SipResponseFactory.Create(request, SipStatusCodes.Ok);
        AddCapabilityHeaders(response, capabilities);
        return response;
    }

    /// <summary>Allow, Accept, Supported and Server, as a 200 to OPTIONS (and any 405/501) should carry.</summary>
    public static void AddCapabilityHeaders(SipResponse response, UasCapabilities capabilities)
    {
        response.Headers.Set(HeaderId.Allow, capabilities.AllowHeaderValue);
        response.Headers.Set(HeaderId.Accept, capabilities.AcceptHeaderValue);
        response.Headers.Set(HeaderId.Supported, capabilities.SupportedHeaderValue);
        response.Headers.Set(HeaderId.Server, capabilities.Product);
    }
}
