namespace Lyrebird.Sdp.Model;

/// <summary>
/// The o= line (RFC 4566 §5.2): <c>o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; &lt;nettype&gt; &lt;addrtype&gt; &lt;unicast-address&gt;</c>.
/// The session id is kept as the text received (it is only ever compared); the version is a number because
/// RFC 3264 §8 requires incrementing it.
/// </summary>
public sealed record SdpOrigin(string Username, string SessionId, ulong SessionVersion, string NetworkType, string AddressType, string Address);
