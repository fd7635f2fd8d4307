namespace Lyrebird.Host.Tests;

public sealed class HelpAndVersionTests
{
    [Theory]
    [InlineData("--data", "[default: ./data]")]
    [InlineData("--sip", "[default: 0.0.0.0:5060]")]
    [InlineData("--http", "[default: http://127.0.0.1:8080]")]
    [InlineData("--rtp-ports", "[default: 10000-20000]")]
    [InlineData("--config", "LYREBIRD_")]
    [InlineData("--log-level", "[default: Information]")]
    public async Task Serve_help_describes_each_option_with_its_default(string option, string detail)
    {
        var run = await CliHarness.RunAsync(["serve", "--help"]);

        Assert.Equal(0, run.ExitCode);
        var line = Assert.Single(run.Out.Split('\n'), l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
        Assert.Contains(detail, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_help_lists_the_serve_command_and_version_option()
    {
        var run = await CliHarness.RunAsync(["--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("serve", run.Out, StringComparison.Ordinal);
        Assert.Contains("--version", run.Out, StringComparison.Ordinal);
        Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Version_prints_the_assembly_version()
    {
        var run = await CliHarness.RunAsync(["--version"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Out.Trim());
    }

    [Fact]
    public async Task Help_does_not_start_the_host()
    {
        var run = await CliHarness.RunAsync(["serve", "--help"]);

        Assert.Null(run.Settings);
    }
}
