using System.Diagnostics.CodeAnalysis;
using Lyrebird.Core;
using Microsoft.Extensions.Configuration;

namespace Lyrebird.Host.Configuration;

/// <summary>Binds the <c>Pbx</c> section (signalling, authentication, registration settings; see
/// <see cref="PbxOptions"/>) and turns a value that does not convert into a <see cref="ConfigurationProblem"/>.</summary>
internal static class PbxConfiguration
{
    public const string SectionName = "Pbx";

    public static bool TryBind(IConfiguration configuration, out PbxOptions options, [NotNullWhen(false)] out ConfigurationProblem? problem)
    {
        var section = configuration.GetSection(SectionName);
        try
        {
            options = section.Get<PbxOptions>(binder => binder.ErrorOnUnknownConfiguration = true) ?? new PbxOptions();
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
