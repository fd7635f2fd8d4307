namespace Lyrebird.Sdp.Model;

/// <summary>
/// An a= line (RFC 4566 §5.13): a property attribute (<c>a=rtcp-mux</c>, <see cref="Value"/> null) or a value attribute
/// (<c>a=rtpmap:0 PCMU/8000</c>). Unknown attributes are kept verbatim, in order.
/// </summary>
public sealed record SdpAttribute(string Name, string? Value = null)
{
    public override string ToString() => Value is null ? Name : Name + ":" + Value;
}
