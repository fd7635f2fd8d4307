namespace Lyrebird.Sip.Uris;

/// <summary>The pieces of a URI as slices of the input, found by <see cref="UriSyntax.TryScan"/> without allocating.</summary>
internal ref struct UriParts
{
    public UriSchemeKind Kind;
    public ReadOnlySpan<byte> Scheme;
    public ReadOnlySpan<byte> User;
    public bool HasUser;
    public ReadOnlySpan<byte> Password;
    public bool HasPassword;
    public ReadOnlySpan<byte> Host;
    public int Port; // -1 when absent
    public ReadOnlySpan<byte> Parameters; // ";a=b;c" or empty
    public ReadOnlySpan<byte> Headers; // after '?'
    public bool HasHeaders;
    public ReadOnlySpan<byte> Opaque; // scheme-specific part of another scheme
}
