using System.Reflection;

namespace Lyrebird.ArchitectureTests;

public sealed class LayeringTests
{
    public static TheoryData<string> LayeredProjects => new(Layers.Allowed.Keys.Where(p => p != Layers.Host));

    [Theory]
    [MemberData(nameof(LayeredProjects))]
    public void Assembly_references_only_the_Lyrebird_assemblies_its_layer_allows(string project)
    {
        var assembly = Assembly.Load(Layers.AssemblyName(project));
        var allowed = Layers.Allowed[project]!.Select(Layers.AssemblyName).ToHashSet(StringComparer.Ordinal);

        var forbidden = LyrebirdReferences(assembly).Where(name => !allowed.Contains(name)).ToList();

        Assert.True(forbidden.Count == 0, $"{project} references {string.Join(", ", forbidden)}; allowed: {string.Join(", ", allowed)}");
    }

    [Theory]
    [MemberData(nameof(LayeredProjects))]
    public void Project_file_references_only_the_projects_its_layer_allows(string project)
    {
        // Assembly metadata drops references that no code uses, so the csproj is checked too.
        var csproj = Repository.Projects("src")[project];
        var allowed = Layers.Allowed[project]!.ToHashSet(StringComparer.Ordinal);

        var forbidden = Repository.ProjectReferences(csproj).Where(name => !allowed.Contains(name)).ToList();

        Assert.True(forbidden.Count == 0, $"{csproj} references {string.Join(", ", forbidden)}; allowed: {string.Join(", ", allowed)}");
    }

    [Fact]
    public void Every_src_project_has_a_layering_rule()
    {
        var projects = Repository.Projects("src").Keys.Order(StringComparer.Ordinal);

        Assert.Equal(Layers.Allowed.Keys.Order(StringComparer.Ordinal), projects);
    }

    [Fact]
    public void No_src_or_bench_project_references_the_host()
    {
        var offenders = Repository.Projects("src").Concat(Repository.Projects("bench"))
            .Where(project => Repository.ProjectReferences(project.Value).Contains(Layers.Host))
            .Select(project => project.Key)
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void No_Lyrebird_assembly_references_the_host_assembly()
    {
        var offenders = Layers.Allowed.Keys
            .Select(project => Assembly.Load(Layers.AssemblyName(project)))
            .Where(assembly => LyrebirdReferences(assembly).Contains("lyrebird"))
            .Select(assembly => assembly.GetName().Name)
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Host_is_the_lyrebird_executable()
    {
        var host = Assembly.Load("lyrebird");

        Assert.NotNull(host.EntryPoint);
    }

    private static IEnumerable<string> LyrebirdReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => name.StartsWith("Lyrebird.", StringComparison.Ordinal) || name == "lyrebird");
}
