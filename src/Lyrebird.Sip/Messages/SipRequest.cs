using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Uris;

namespace Lyrebird.Sip.Messages;

/// <summary>A SIP request: Request-Line (RFC 3261 §7.1), headers and body.</summary>
public sealed class SipRequest : SipMessage
{
    public SipRequest(string method, SipUri requestUri, SipHeaderCollection? headers = null, ReadOnlyMemory<byte> body = default)
        : base(headers ?? new SipHeaderCollection(), body)
    {
        Method = SipMethods.Intern(method);
        RequestUri = requestUri;
    }

    /// <summary>The method token as written (case-sensitive, RFC 3261 §7.1). Known methods are interned.</summary>
    public string Method { get; }

    public SipMethodKind MethodKind => SipMethods.KindOf(Method);

    public SipUri RequestUri { get; set; }

    public override bool IsRequest => true;

    public override string ToString() => $"{Method} {RequestUri}";
}
