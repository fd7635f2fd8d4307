using System.Diagnostics.CodeAnalysis;
using Lyrebird.Core;
using Microsoft.Extensions.Configuration;

namespace Lyrebird.Host.Configuration;

/// <summary>Binds the <c>Pbx</c> section (signalling, authentication, registration settings; see
/// <see cref="PbxOptions"/>) and turns a value that does not convert into a <see cref="ConfigurationProblem"/>.</summary>
internal static class PbxConfiguration
{
    public const string SectionName = "Pbx";

    /// <summary>What Lyrebird records (and therefore offers and accepts), as <c>NAME/clock</c>.</summary>
    private static readonly string[] RecordableCodecs = ["PCMU/8000", "PCMA/8000", "G722/8000"];

    public static bool TryBind(IConfiguration configuration, out PbxOptions options, [NotNullWhen(false)] out ConfigurationProblem? problem)
    {
        var section = configuration.GetSection(SectionName);
        try
        {
            // The binder would add configured list items to the default codecs instead of replacing them, and cannot
            // take one comma-separated value: codecs are read apart (Pbx:Codecs:0, :1 … or one "A/8000,B/8000" value).
            var codecsKey = $"{SectionName}:{nameof(PbxOptions.Codecs)}";
            var rest = new ConfigurationBuilder().AddInMemoryCollection(section.AsEnumerable()
                    .Where(kv => kv.Value is not null && !kv.Key.StartsWith(codecsKey, StringComparison.OrdinalIgnoreCase)))
                .Build().GetSection(SectionName);
            options = rest.Get<PbxOptions>(binder => binder.ErrorOnUnknownConfiguration = true) ?? new PbxOptions();

            var codecs = section.GetSection(nameof(PbxOptions.Codecs));
            var configured = codecs.Value is { } list
                ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : [.. codecs.GetChildren().Select(child => child.Value ?? "")];
            if (configured.Length > 0)
            {
                options = options with { Codecs = configured };
            }
        }
        catch (InvalidOperationException exception)
        {
            options = new PbxOptions();
            problem = new ConfigurationProblem(KeyOf(exception.Message) ?? SectionName, LyrebirdCliMessage(exception));
            return false;
        }

        problem = Validate(options);
        return problem is null;
    }

    private static ConfigurationProblem? Validate(PbxOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Realm))
        {
            return new ConfigurationProblem("Pbx:Realm", "must not be empty");
        }

        if (options.Registrar.MinExpires <= TimeSpan.Zero || options.Registrar.MaxExpires < options.Registrar.MinExpires)
        {
            return new ConfigurationProblem("Pbx:Registrar:MaxExpires", $"expected 0 < MinExpires <= MaxExpires, got {options.Registrar.MinExpires} and {options.Registrar.MaxExpires}");
        }

        if (options.Codecs.FirstOrDefault(c => !RecordableCodecs.Contains(c, StringComparer.OrdinalIgnoreCase)) is { } codec)
        {
            return new ConfigurationProblem("Pbx:Codecs", $"expected codecs Lyrebird can record ({string.Join(", ", RecordableCodecs)}), got '{codec}'");
        }

        if (!options.TryGetDigestAlgorithms(out _, out var badToken))
        {
            return new ConfigurationProblem("Pbx:DigestAlgorithms", $"expected a comma-separated list of MD5 and SHA-256, got '{badToken ?? options.DigestAlgorithms}'");
        }

        if (!Enum.IsDefined(options.MediaRelay))
        {
            return new ConfigurationProblem("Pbx:MediaRelay", $"expected fast or simple, got {(int)options.MediaRelay}");
        }

        if (options.AuthFailureThreshold < 1)
        {
            return new ConfigurationProblem("Pbx:AuthFailureThreshold", $"expected at least 1, got {options.AuthFailureThreshold}");
        }

        return null;
    }

    /// <summary>The binder says "Failed to convert configuration value 'x' at 'Pbx:NonceLifetime' to type …".</summary>
    private static string? KeyOf(string message)
    {
        var at = message.IndexOf(" at '", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var end = message.IndexOf('\'', at + 5);
        return end > at ? message[(at + 5)..end] : null;
    }

    private static string LyrebirdCliMessage(InvalidOperationException exception) =>
        (exception.InnerException?.Message ?? exception.Message).ReplaceLineEndings(" ");
}
