using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.UserAgent.Validation;

/// <summary>
/// The UAS checks of RFC 3261 §8.2, in the RFC's order, run once a server transaction exists: method (§8.2.1: 405 or
/// 501 with Allow), Request-URI scheme (§8.2.2.1: 416), Require (§8.2.2.3: 420 with Unsupported), content (§8.2.3:
/// 415 with Accept) and Accept of the request versus what we would answer with (§8.2.3 / RFC 4475 sdp01: 406).
/// Syntax problems were already answered statelessly by the transport; this class never sees them.
/// </summary>
public static class RequestValidator
{
    /// <summary>Returns the error response to send, or null when the request may be processed.</summary>
    /// <param name="request">The request (not ACK, not CANCEL: those never get a §8.2 rejection).</param>
    /// <param name="capabilities">What this UAS implements.</param>
    /// <param name="answerContentType">The body type a success response to this request would carry (application/sdp
    /// for INVITE), or null when it carries none.</param>
    public static SipResponse? Validate(SipRequest request, UasCapabilities capabilities, string? answerContentType = null)
    {
        if (request.MethodKind is SipMethodKind.Ack or SipMethodKind.Cancel)
        {
            return null;
        }

        if (!capabilities.Allows(request.Method))
        {
            // §8.2.1: 405 for a method we know but do not allow here, 501 for one we do not recognise (§21.5.2).
            var status = request.MethodKind == SipMethodKind.Unknown ? SipStatusCodes.NotImplemented : SipStatusCodes.MethodNotAllowed;
            var response = SipResponseFactory.Create(request, status);
            response.Headers.Add(HeaderId.Allow, capabilities.AllowHeaderValue);
            return response;
        }

        if (request.RequestUri.Scheme is not ("sip" or "sips" or "tel"))
        {
            return SipResponseFactory.Create(request, SipStatusCodes.UnsupportedUriScheme);
        }

        var unsupported = UnsupportedRequirements(request, capabilities);
        if (unsupported.Count > 0)
        {
            var response = SipResponseFactory.Create(request, SipStatusCodes.BadExtension);
            response.Headers.Add(HeaderId.Unsupported, string.Join(", ", unsupported));
            return response;
        }

        if (!request.Body.IsEmpty)
        {
            var contentType = MediaType(request.Headers.GetFirstValue(HeaderId.ContentType));
            if (contentType is null || !capabilities.Accepts(contentType))
            {
                var response = SipResponseFactory.Create(request, SipStatusCodes.UnsupportedMediaType);
                response.Headers.Add(HeaderId.Accept, capabilities.AcceptHeaderValue);
                return response;
            }
        }

        if (answerContentType is not null && !AcceptsAnswer(request, answerContentType))
        {
            var response = SipResponseFactory.Create(request, SipStatusCodes.NotAcceptable);
            response.Headers.Add(HeaderId.Accept, capabilities.AcceptHeaderValue);
            return response;
        }

        return null;
    }

    /// <summary>Option tags of every Require value that we do not support (Proxy-Require is a proxy's business, §20.29).</summary>
    public static List<string> UnsupportedRequirements(SipRequest request, UasCapabilities capabilities)
    {
        var unsupported = new List<string>();
        foreach (var header in request.Headers.GetAll(HeaderId.Require))
        {
            foreach (var tag in header.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!capabilities.Supports(tag) && !unsupported.Contains(tag, StringComparer.OrdinalIgnoreCase))
                {
                    unsupported.Add(tag);
                }
            }
        }

        return unsupported;
    }

    /// <summary>The media type of a Content-Type or Accept value without parameters, lower-cased ("application/sdp").</summary>
    public static string? MediaType(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        var type = (semicolon >= 0 ? value[..semicolon] : value).Trim();
        return type.Length == 0 ? null : type.ToLowerInvariant();
    }

    private static bool AcceptsAnswer(SipRequest request, string answerContentType)
    {
        if (!request.Headers.Contains(HeaderId.Accept))
        {
            return true; // §20.1: no Accept means application/sdp
        }

        foreach (var header in request.Headers.GetAll(HeaderId.Accept))
        {
            foreach (var item in header.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var type = MediaType(item);
                if (type is null)
                {
                    continue;
                }

                if (type == "*/*" || type == answerContentType
                    || (type.EndsWith("/*", StringComparison.Ordinal) && answerContentType.StartsWith(type[..^1], StringComparison.Ordinal)))
                {
                    return true;
                }
            }
        }

        // An empty Accept header (all values empty) means "no body acceptable" (§20.1); any listed type that is not ours: 406.
        return false;
    }
}
