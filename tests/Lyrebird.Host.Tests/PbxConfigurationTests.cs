using Lyrebird.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace Lyrebird.Host.Tests;

public sealed class PbxConfigurationTests
{
    private static (bool Ok, Lyrebird.Core.PbxOptions Options, ConfigurationProblem? Problem) Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var ok = PbxConfiguration.TryBind(configuration, out var options, out var problem);
        return (ok, options, problem);
    }

    [Fact]
    public void Configured_codecs_replace_the_default_list_rather_than_add_to_it()
    {
        var (ok, options, _) = Bind(new() { ["Pbx:Codecs:0"] = "PCMA/8000" });

        Assert.True(ok);
        Assert.Equal(["PCMA/8000"], options.Codecs);
    }

    [Fact]
    public void Without_configuration_the_codecs_are_what_Lyrebird_can_record()
    {
        var (ok, options, _) = Bind([]);

        Assert.True(ok);
        Assert.Equal(["PCMU/8000", "PCMA/8000", "G722/8000"], options.Codecs);
    }

    [Fact]
    public void A_timeout_that_is_not_a_time_span_is_a_problem_naming_its_key()
    {
        var (ok, _, problem) = Bind(new() { ["Pbx:NoAnswerTimeout"] = "soon" });

        Assert.False(ok);
        Assert.Equal("Pbx:NoAnswerTimeout", problem!.Key);
    }

    [Fact]
    public void Codecs_may_be_one_comma_separated_value_as_an_environment_variable_gives_them()
    {
        var (ok, options, _) = Bind(new() { ["Pbx:Codecs"] = "G722/8000, PCMU/8000" });

        Assert.True(ok);
        Assert.Equal(["G722/8000", "PCMU/8000"], options.Codecs);
    }

    [Fact]
    public void A_codec_Lyrebird_cannot_record_is_a_problem_naming_it()
    {
        var (ok, _, problem) = Bind(new() { ["Pbx:Codecs:0"] = "GSM/8000" });

        Assert.False(ok);
        Assert.Equal("Pbx:Codecs", problem!.Key);
        Assert.Contains("'GSM/8000'", problem.Message, StringComparison.Ordinal);
    }
}
