namespace Lyrebird.Host.Tests;

public sealed class BadArgumentTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Bad values of serve's options: one line naming the option, exit code 2.</summary>
    public static TheoryData<string, string> BadValues => new()
    {
        { "--rtp-ports", "20000-10000" },
        { "--rtp-ports", "10000-10000" },
        { "--rtp-ports", "1000-2000" },
        { "--rtp-ports", "10000-70000" },
        { "--rtp-ports", "10001-20000" },
        { "--rtp-ports", "10000" },
        { "--rtp-ports", "-10000-20000" },
        { "--rtp-ports", "+10000-20000" },
        { "--rtp-ports", "a-b" },
        { "--sip", "localhost:5060" },
        { "--sip", "127.0.0.1" },
        { "--sip", "127.1:5060" },
        { "--sip", "127.0.0.1:65536" },
        { "--sip", "127.0.0.1:-1" },
        { "--sip", "127.0.0.1:" },
        { "--sip", "::1:5060" },
        { "--sip", "[::1]" },
        { "--sip", "[127.0.0.1]:5060" },
        { "--sip", "[::1]:x" },
        { "--http", "ftp://example.com/" },
        { "--http", "not a url" },
        { "--http", "/relative/path" },
        { "--http", "127.0.0.1:8080" },
        { "--log-level", "loud" },
        { "--data", "" },
        { "--data", " " },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Bad_flag_value_gives_one_line_naming_the_flag_and_exit_code_2(string option, string value)
    {
        string[] args = option == "--data" ? ["serve", option, value] : ["serve", "--data", _temp.Path, option, value];

        var run = await CliHarness.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"lyrebird: {option}: expected ", line, StringComparison.Ordinal);
        Assert.EndsWith($"got '{value}'", line, StringComparison.Ordinal);
        Assert.Null(run.Settings);
    }

    [Fact]
    public async Task Reversed_rtp_ports_message_states_the_rule_and_the_value()
    {
        var run = await CliHarness.RunAsync(["serve", "--rtp-ports", "20000-10000"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "lyrebird: --rtp-ports: expected LOW-HIGH with 1024 <= LOW < HIGH <= 65535, got '20000-10000'",
            Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Odd_low_rtp_port_is_rejected_with_a_message_about_even_ports()
    {
        var run = await CliHarness.RunAsync(["serve", "--rtp-ports", "10001-20000"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("even LOW", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    /// <summary>Syntax errors: first line states the problem, second line is a usage hint.</summary>
    public static TheoryData<string[], string> SyntaxErrors => new()
    {
        { ["serve", "--bogus"], "'--bogus'" },
        { ["--bogus"], "'--bogus'" },
        { ["bogus"], "'bogus'" },
        { ["serve", "extra"], "'extra'" },
        { ["serve", "--sip"], "'--sip'" },
        { ["serve", "--rtp-ports"], "'--rtp-ports'" },
        { ["serve", "--config"], "'--config'" },
        { [], "command" },
    };

    [Theory]
    [MemberData(nameof(SyntaxErrors))]
    public async Task Bad_syntax_gives_the_problem_on_the_first_line_and_exit_code_2(string[] args, string named)
    {
        var run = await CliHarness.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(2, run.ErrorLines.Length);
        Assert.StartsWith("lyrebird: ", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains(named, run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Matches("^Try 'lyrebird( serve)? --help'\\.$", run.ErrorLines[1]);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Unknown_serve_option_hint_points_at_serve_help()
    {
        var run = await CliHarness.RunAsync(["serve", "--bogus"]);

        Assert.Equal("Try 'lyrebird serve --help'.", run.ErrorLines[1]);
    }

    [Fact]
    public async Task Missing_config_file_gives_one_line_and_exit_code_2()
    {
        var missing = _temp.Combine("missing.json");

        var run = await CliHarness.RunAsync(["serve", "--config", missing]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"lyrebird: --config: file not found: '{missing}'", Assert.Single(run.ErrorLines));
    }

    [Theory]
    [InlineData("{bad")]
    [InlineData("{\"Sip\": ")]
    [InlineData("[1, 2]")]
    [InlineData("{\"Sip\": \"1.2.3.4:5\", \"Sip\": \"1.2.3.4:6\"}")]
    public async Task Unreadable_config_file_gives_one_line_and_exit_code_2(string json)
    {
        var file = _temp.WriteFile("bad.json", json);

        var run = await CliHarness.RunAsync(["serve", "--config", file]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"lyrebird: --config: cannot read '{file}': ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LYREBIRD_RTPPORTS", "20000-10000")]
    [InlineData("LYREBIRD_SIP", "localhost:5060")]
    [InlineData("LYREBIRD_HTTP", "ftp://x/")]
    [InlineData("LYREBIRD_DATA", " ")]
    [InlineData("LYREBIRD_LOGGING__LOGLEVEL__DEFAULT", "loud")]
    [InlineData("LYREBIRD_LOGGING__LOGLEVEL__Lyrebird", "chatty")]
    public async Task Bad_environment_value_gives_one_line_naming_the_variable(string variable, string value)
    {
        var environment = new Dictionary<string, string> { [variable] = value, ["LYREBIRD_DATA_UNUSED"] = "x" };
        if (variable != "LYREBIRD_DATA")
        {
            environment["LYREBIRD_DATA"] = _temp.Path;
        }

        var run = await CliHarness.RunAsync(["serve"], environment);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"lyrebird: {variable}: expected ", line, StringComparison.Ordinal);
        Assert.EndsWith($"got '{value}'", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RtpPorts", "\"20000-10000\"", "20000-10000")]
    [InlineData("RtpPorts", "10000", "10000")]
    [InlineData("Sip", "\"localhost:5060\"", "localhost:5060")]
    [InlineData("Http", "\"mailto:a@b\"", "mailto:a@b")]
    public async Task Bad_config_file_value_gives_one_line_naming_the_key_and_the_file(string key, string json, string value)
    {
        var file = _temp.WriteFile("lyrebird.json", $$"""{ "Data": "{{_temp.Path}}", "{{key}}": {{json}} }""");

        var run = await CliHarness.RunAsync(["serve", "--config", file]);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"lyrebird: {key} (config file {file}): expected ", line, StringComparison.Ordinal);
        Assert.EndsWith($"got '{value}'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_log_level_in_config_file_names_the_nested_key()
    {
        var file = _temp.WriteFile("lyrebird.json", """{ "Logging": { "LogLevel": { "Default": "Loud" } } }""");

        var run = await CliHarness.RunAsync(["serve", "--data", _temp.Path, "--config", file]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(
            $"lyrebird: Logging:LogLevel:Default (config file {file}): expected one of Trace, ",
            Assert.Single(run.ErrorLines),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_value_overridden_by_a_higher_source_is_not_an_error()
    {
        var file = _temp.WriteFile("lyrebird.json", """{ "Sip": "nonsense" }""");
        var environment = new Dictionary<string, string> { ["LYREBIRD_SIP"] = "also nonsense" };

        var run = await CliHarness.RunAsync(["serve", "--data", _temp.Path, "--config", file, "--sip", "127.0.0.1:5070"], environment);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal("127.0.0.1:5070", run.Settings!.SipEndPoint.ToString());
    }

    [Fact]
    public async Task Data_path_that_is_a_file_gives_one_line_and_exit_code_1()
    {
        var file = _temp.WriteFile("not-a-directory", "x");

        var run = await CliHarness.RunAsync(["serve", "--data", file]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("lyrebird: data directory: cannot create ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
