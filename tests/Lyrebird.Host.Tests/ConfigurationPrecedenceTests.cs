using System.Net;
using Lyrebird.Host.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lyrebird.Host.Tests;

public sealed class ConfigurationPrecedenceTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Environment_overrides_file_and_flag_overrides_both()
    {
        var fileData = _temp.Combine("from-file");
        var file = _temp.WriteFile("lyrebird.json", $$"""
            {
              "Data": "{{fileData}}",
              "Sip": "127.0.0.1:5001",
              "Http": "http://127.0.0.1:8001",
              "RtpPorts": "30000-30100"
            }
            """);
        var environment = new Dictionary<string, string>
        {
            ["LYREBIRD_SIP"] = "127.0.0.1:5002",
            ["LYREBIRD_HTTP"] = "http://127.0.0.1:8002",
        };

        var run = await CliHarness.RunAsync(["serve", "--config", file, "--sip", "127.0.0.1:5003"], environment);

        Assert.Equal(0, run.ExitCode);
        var settings = run.Settings!;
        Assert.Equal(fileData, settings.DataDirectory); // file only
        Assert.Equal(new RtpPortRange(30000, 30100), settings.RtpPorts); // file only
        Assert.Equal(new Uri("http://127.0.0.1:8002"), settings.HttpUrl); // env beats file
        Assert.Equal(IPEndPoint.Parse("127.0.0.1:5003"), settings.SipEndPoint); // flag beats env and file
    }

    [Fact]
    public async Task Options_registered_in_the_host_carry_the_same_resolved_values()
    {
        var environment = new Dictionary<string, string> { ["LYREBIRD_RTPPORTS"] = "40000-40010" };

        var run = await CliHarness.RunAsync(["serve", "--data", _temp.Path, "--http", "https://pbx.example:8443/"], environment);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("40000-40010", run.Options!.RtpPorts);
        Assert.Equal("https://pbx.example:8443/", run.Options.Http);
        Assert.Equal(LyrebirdOptions.DefaultSip, run.Options.Sip);
    }

    [Fact]
    public async Task Defaults_apply_when_no_source_sets_a_value()
    {
        var run = await CliHarness.RunAsync(["serve", "--data", _temp.Path]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(IPEndPoint.Parse("0.0.0.0:5060"), run.Settings!.SipEndPoint);
        Assert.Equal(new Uri("http://127.0.0.1:8080"), run.Settings.HttpUrl);
        Assert.Equal(new RtpPortRange(10000, 20000), run.Settings.RtpPorts);
    }

    [Fact]
    public async Task Nested_environment_keys_use_double_underscore()
    {
        IConfiguration? configuration = null;
        var environment = new Dictionary<string, string> { ["LYREBIRD_LOGGING__LOGLEVEL__DEFAULT"] = "Warning" };

        var run = await CliHarness.RunAsync(["serve", "--data", _temp.Path], environment, (host, _) =>
        {
            configuration = host.Services.GetRequiredService<IConfiguration>();
            return Task.CompletedTask;
        });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Warning", configuration![LyrebirdOptions.LogLevelKey]);
    }

    [Fact]
    public async Task Log_level_flag_overrides_the_environment_and_sets_the_minimum_level()
    {
        ILogger? logger = null;
        var environment = new Dictionary<string, string> { ["LYREBIRD_LOGGING__LOGLEVEL__DEFAULT"] = "Trace" };

        var run = await CliHarness.RunAsync(["serve", "--data", _temp.Path, "--log-level", "warning"], environment, (host, _) =>
        {
            logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Lyrebird.Test");
            return Task.CompletedTask;
        });

        Assert.Equal(0, run.ExitCode);
        Assert.False(logger!.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public async Task Relative_config_and_data_paths_resolve_against_the_current_directory()
    {
        var run = await CliHarness.RunAsync(["serve", "--data", Path.GetRelativePath(Environment.CurrentDirectory, _temp.Combine("rel"))]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(_temp.Combine("rel"), run.Settings!.DataDirectory);
    }

    [Fact]
    public async Task Serve_creates_the_data_directory_when_missing()
    {
        var data = _temp.Combine(Path.Combine("a", "b", "data"));

        var run = await CliHarness.RunAsync(["serve", "--data", data]);

        Assert.Equal(0, run.ExitCode);
        Assert.True(Directory.Exists(data));
    }

    public static TheoryData<string, string> GoodValues => new()
    {
        { "--sip", "127.0.0.1:5070" },
        { "--sip", "0.0.0.0:0" },
        { "--sip", "[::1]:5070" },
        { "--sip", "[::]:5060" },
        { "--sip", "[fe80::1%1]:5060" },
        { "--http", "https://pbx.example/" },
        { "--http", "http://[::1]:8080/lyrebird" },
        { "--rtp-ports", "1024-65535" },
        { "--rtp-ports", "10000-10001" },
        { "--log-level", "Debug" },
        { "--log-level", "none" },
    };

    [Theory]
    [MemberData(nameof(GoodValues))]
    public async Task Good_flag_values_are_accepted(string option, string value)
    {
        var run = await CliHarness.RunAsync(["serve", "--data", _temp.Path, option, value]);

        Assert.Equal("", run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.NotNull(run.Settings);
    }

    [Fact]
    public async Task IPv6_sip_address_is_parsed_with_its_port()
    {
        var run = await CliHarness.RunAsync(["serve", "--data", _temp.Path, "--sip", "[::1]:5070"]);

        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 5070), run.Settings!.SipEndPoint);
    }
}
