using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.UserAgent;

/// <summary>
/// What this user agent server implements: the source of Allow, Supported and Accept (RFC 3261 §20.5, §20.37, §20.1)
/// and of the §8.2 checks. Built once at start-up from the handlers that are registered; read-only afterwards.
/// </summary>
public sealed class UasCapabilities
{
    public UasCapabilities(
        IEnumerable<string> allowedMethods,
        IEnumerable<string>? supportedOptionTags = null,
        IEnumerable<string>? acceptedContentTypes = null,
        string product = "Lyrebird")
    {
        AllowedMethods = [.. allowedMethods.Select(SipMethods.Intern).Distinct(StringComparer.Ordinal)];
        SupportedOptionTags = [.. (supportedOptionTags ?? []).Distinct(StringComparer.OrdinalIgnoreCase)];
        AcceptedContentTypes = [.. (acceptedContentTypes ?? ["application/sdp"]).Distinct(StringComparer.OrdinalIgnoreCase)];
        Product = product;
        AllowHeaderValue = string.Join(", ", AllowedMethods);
        SupportedHeaderValue = string.Join(", ", SupportedOptionTags);
        AcceptHeaderValue = string.Join(", ", AcceptedContentTypes);
    }

    /// <summary>Methods answered by this UAS, in the order Allow lists them.</summary>
    public IReadOnlyList<string> AllowedMethods { get; }

    /// <summary>Option tags (RFC 3261 §19.2) this UAS supports; a Require outside this set gets 420.</summary>
    public IReadOnlyList<string> SupportedOptionTags { get; }

    /// <summary>Body types this UAS understands; another Content-Type gets 415.</summary>
    public IReadOnlyList<string> AcceptedContentTypes { get; }

    /// <summary>Server / User-Agent product token.</summary>
    public string Product { get; }

    public string AllowHeaderValue { get; }

    public string SupportedHeaderValue { get; }

    public string AcceptHeaderValue { get; }

    public bool Allows(string method) => AllowedMethods.Contains(method, StringComparer.Ordinal);

    public bool Supports(string optionTag) => SupportedOptionTags.Contains(optionTag, StringComparer.OrdinalIgnoreCase);

    public bool Accepts(string contentType) => AcceptedContentTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase);
}
