using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Lyrebird.ArchitectureTests;

/// <summary>EventIds identify a log event across the whole PBX (docs/architecture.md gives each layer a range), so
/// they must be explicit and unique across every Lyrebird assembly.</summary>
public sealed class LoggingTests
{
    private static readonly IReadOnlyList<(string Method, int EventId)> LogMethods = FindLogMethods();

    [Fact]
    public void LoggerMessage_methods_are_found_in_the_host()
    {
        // Guards the tests below against passing vacuously (e.g. if reflection stopped seeing the attribute).
        Assert.Contains(LogMethods, m => m.Method.StartsWith("Lyrebird.Host.", StringComparison.Ordinal));
    }

    [Fact]
    public void LoggerMessage_EventIds_are_unique_across_all_Lyrebird_assemblies()
    {
        var duplicates = LogMethods
            .Where(m => m.EventId >= 0)
            .GroupBy(m => m.EventId)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(m => m.Method))}")
            .ToList();

        Assert.True(duplicates.Count == 0, "duplicate EventIds:\n" + string.Join('\n', duplicates));
    }

    [Fact]
    public void Every_LoggerMessage_declares_an_EventId()
    {
        var missing = LogMethods.Where(m => m.EventId < 0).Select(m => m.Method).ToList();

        Assert.True(missing.Count == 0, "[LoggerMessage] without EventId: " + string.Join(", ", missing));
    }

    private static List<(string Method, int EventId)> FindLogMethods()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var methods = new List<(string, int)>();
        foreach (var project in Layers.Allowed.Keys)
        {
            foreach (var type in LoadableTypes(Assembly.Load(Layers.AssemblyName(project))))
            {
                foreach (var method in type.GetMethods(all))
                {
                    if (method.GetCustomAttribute<LoggerMessageAttribute>() is { } attribute)
                    {
                        methods.Add(($"{type.FullName}.{method.Name}", attribute.EventId));
                    }
                }
            }
        }

        return methods;
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            return exception.Types.OfType<Type>();
        }
    }
}
