using Microsoft.Extensions.Configuration;

namespace Lyrebird.Host.Configuration;

/// <summary>Remembers where each configuration layer came from, so an invalid value can be reported by the name the
/// operator wrote (<c>--rtp-ports</c>, <c>LYREBIRD_RTPPORTS</c>, or the key in the JSON file).</summary>
/// <remarks>Precedence, lowest first: JSON file (<c>--config</c>), <c>LYREBIRD_</c> environment variables,
/// command-line flags.</remarks>
internal sealed class ConfigurationSources
{
    public const string EnvironmentPrefix = "LYREBIRD_";

    private readonly Dictionary<string, string> _flagByKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _variableByKey = new(StringComparer.OrdinalIgnoreCase);
    private IConfigurationProvider? _fileProvider;
    private string? _filePath;

    /// <summary>Values from <c>LYREBIRD_</c> variables, keyed by configuration key (<c>__</c> becomes <c>:</c>),
    /// as <see cref="EnvironmentVariablesExtensions.AddEnvironmentVariables(IConfigurationBuilder, string)"/> maps
    /// them.</summary>
    public Dictionary<string, string?> EnvironmentValues { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Values from flags that were given on the command line (not their defaults).</summary>
    public Dictionary<string, string?> FlagValues { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void AddFlag(string key, string flag, string? value)
    {
        FlagValues[key] = value;
        _flagByKey[key] = flag;
    }

    public void AddEnvironment(IEnumerable<KeyValuePair<string, string>> environment)
    {
        foreach (var (name, value) in environment)
        {
            if (name.Length <= EnvironmentPrefix.Length
                || !name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var key = name[EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
            EnvironmentValues[key] = value;
            _variableByKey[key] = name;
        }
    }

    public void SetFile(string path, IConfigurationProvider provider)
    {
        _filePath = path;
        _fileProvider = provider;
    }

    /// <summary>Names the source that supplied the effective value of <paramref name="key"/>.</summary>
    public string Describe(string key)
    {
        if (_flagByKey.TryGetValue(key, out var flag))
        {
            return flag;
        }

        if (_variableByKey.TryGetValue(key, out var variable))
        {
            return variable;
        }

        if (_fileProvider is not null && _fileProvider.TryGet(key, out _))
        {
            return $"{key} (config file {_filePath})";
        }

        return key;
    }
}
