using System.Xml.Linq;

namespace Lyrebird.ArchitectureTests;

/// <summary>The source tree, found by walking up from the test binaries to the directory holding Lyrebird.slnx.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Project name → full path of its csproj, for every project in a top-level folder (src, tests, bench).</summary>
    public static IReadOnlyDictionary<string, string> Projects(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.csproj", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(path => Path.GetFileNameWithoutExtension(path), StringComparer.Ordinal);

    /// <summary>Names of the projects a csproj lists as <c>ProjectReference</c>.</summary>
    public static IReadOnlyList<string> ProjectReferences(string csproj) =>
        XDocument.Load(csproj)
            .Descendants()
            .Where(element => element.Name.LocalName == "ProjectReference")
            .Select(element => (string?)element.Attribute("Include"))
            .OfType<string>()
            .Select(include => Path.GetFileNameWithoutExtension(include.Replace('\\', '/')))
            .ToList();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Lyrebird.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Lyrebird.slnx not found above {AppContext.BaseDirectory}");
    }
}
