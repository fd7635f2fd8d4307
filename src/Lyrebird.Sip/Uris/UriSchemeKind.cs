namespace Lyrebird.Sip.Uris;

/// <summary>Which grammar a URI follows.</summary>
internal enum UriSchemeKind : byte
{
    Sip,
    Sips,
    Tel,
    Other,
}
