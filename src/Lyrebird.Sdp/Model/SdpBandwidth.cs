namespace Lyrebird.Sdp.Model;

/// <summary>A b= line (RFC 4566 §5.8): <c>b=&lt;bwtype&gt;:&lt;bandwidth&gt;</c>, e.g. <c>b=AS:64</c> or <c>b=TIAS:64000</c>.</summary>
public sealed record SdpBandwidth(string Type, long Value);
