namespace Lyrebird.ArchitectureTests;

/// <summary>The layering rules of docs/architecture.md: which Lyrebird projects each project may reference.
/// References point one way only; nothing references the host.</summary>
internal static class Layers
{
    public const string Host = "Lyrebird.Host";

    private static readonly string[] CoreMay =
    [
        "Lyrebird.Sip", "Lyrebird.Sip.Transport", "Lyrebird.Sip.Transactions", "Lyrebird.Sip.UserAgent",
        "Lyrebird.Sdp", "Lyrebird.Media",
    ];

    /// <summary>Project name → the Lyrebird projects it may reference; <c>null</c> means any (the host).</summary>
    public static IReadOnlyDictionary<string, string[]?> Allowed { get; } = new Dictionary<string, string[]?>(StringComparer.Ordinal)
    {
        ["Lyrebird.Sip"] = [],
        ["Lyrebird.Sip.Transport"] = ["Lyrebird.Sip"],
        ["Lyrebird.Sip.Transactions"] = ["Lyrebird.Sip", "Lyrebird.Sip.Transport"],
        ["Lyrebird.Sip.UserAgent"] = ["Lyrebird.Sip", "Lyrebird.Sip.Transport", "Lyrebird.Sip.Transactions"],
        ["Lyrebird.Sdp"] = [],
        ["Lyrebird.Media"] = [],
        ["Lyrebird.Core"] = CoreMay,
        ["Lyrebird.Storage.Sqlite"] = ["Lyrebird.Core", .. CoreMay],
        ["Lyrebird.Web"] = ["Lyrebird.Core", .. CoreMay],
        [Host] = null,
    };

    /// <summary>Assembly name of each project (the host is the <c>lyrebird</c> executable).</summary>
    public static string AssemblyName(string project) => project == Host ? "lyrebird" : project;

    public static string ProjectName(string assembly) => assembly == "lyrebird" ? Host : assembly;
}
