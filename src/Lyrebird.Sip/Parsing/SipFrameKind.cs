namespace Lyrebird.Sip.Parsing;

/// <summary>What <see cref="SipFramer"/> found at the front of a stream.</summary>
public enum SipFrameKind : byte
{
    /// <summary>Nothing framed (NeedMoreData or InvalidData).</summary>
    None = 0,

    /// <summary>One complete message: start line, headers, empty line and Content-Length bytes of body.</summary>
    Message,

    /// <summary>A CRLFCRLF keep-alive "ping" (RFC 5626 §4.4.1); the transport answers with a CRLF "pong".</summary>
    KeepAlivePing,
}
