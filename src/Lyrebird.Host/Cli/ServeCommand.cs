using System.CommandLine;
using System.Text.Json;
using Lyrebird.Host.Configuration;
using Lyrebird.Host.Hosting;
using Microsoft.Extensions.Configuration;

namespace Lyrebird.Host.Cli;

/// <summary><c>lyrebird serve</c>: builds configuration (file &lt; <c>LYREBIRD_</c> environment &lt; flags),
/// validates it, creates the data directory and runs the PBX in the generic host until SIGINT/SIGTERM.</summary>
internal static class ServeCommand
{
    private static readonly string LogLevelNames = string.Join(", ", Enum.GetNames<Microsoft.Extensions.Logging.LogLevel>());

    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data")
        {
            Description = "Data directory for recordings and the database; created if missing.",
            HelpName = "DIR",
            DefaultValueFactory = _ => LyrebirdOptions.DefaultData,
        };
        var sip = new Option<string>("--sip")
        {
            Description = "SIP listen address, UDP and TCP: a.b.c.d:PORT or [IPv6]:PORT (port 0 picks a free port).",
            HelpName = "ADDRESS:PORT",
            DefaultValueFactory = _ => LyrebirdOptions.DefaultSip,
        };
        var http = new Option<string>("--http")
        {
            Description = "Base URL of the web interface (absolute http:// or https:// URL).",
            HelpName = "URL",
            DefaultValueFactory = _ => LyrebirdOptions.DefaultHttp,
        };
        var rtpPorts = new Option<string>("--rtp-ports")
        {
            Description = "UDP ports for RTP/RTCP, 1024 <= LOW < HIGH <= 65535, LOW even.",
            HelpName = "LOW-HIGH",
            DefaultValueFactory = _ => LyrebirdOptions.DefaultRtpPorts,
        };
        var config = new Option<string>("--config")
        {
            Description = "JSON configuration file (.NET configuration format). LYREBIRD_* environment variables "
                + "override it, and flags override both.",
            HelpName = "FILE",
        };
        var logLevel = new Option<string>("--log-level")
        {
            Description = $"Minimum log level: {LogLevelNames}.",
            HelpName = "LEVEL",
            DefaultValueFactory = _ => "Information",
        };

        var command = new Command("serve", "Run the PBX until stopped with Ctrl-C or SIGTERM.")
        {
            data, sip, http, rtpPorts, config, logLevel,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var sources = new ConfigurationSources();
            sources.AddEnvironment(context.Environment);
            AddFlagIfGiven(LyrebirdOptions.DataKey, data);
            AddFlagIfGiven(LyrebirdOptions.SipKey, sip);
            AddFlagIfGiven(LyrebirdOptions.HttpKey, http);
            AddFlagIfGiven(LyrebirdOptions.RtpPortsKey, rtpPorts);
            AddFlagIfGiven(LyrebirdOptions.LogLevelKey, logLevel);

            var configPath = parseResult.GetValue(config);
            return await RunAsync(context, sources, configPath, cancellationToken);

            void AddFlagIfGiven(string key, Option<string> option)
            {
                if (parseResult.GetResult(option) is { Implicit: false })
                {
                    sources.AddFlag(key, option.Name, parseResult.GetValue(option));
                }
            }
        });

        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ConfigurationSources sources, string? configPath, CancellationToken cancellationToken)
    {
        var builder = PbxHost.CreateBuilder();
        if (configPath is not null)
        {
            var fullPath = Path.GetFullPath(configPath);
            if (!File.Exists(fullPath))
            {
                LyrebirdCli.ReportProblem(context.Error, "--config", $"file not found: '{configPath}'");
                return ExitCodes.Usage;
            }

            try
            {
                builder.Configuration.AddJsonFile(fullPath, optional: false, reloadOnChange: false);
            }
            catch (Exception exception) when (exception is InvalidDataException or FormatException or JsonException or IOException or UnauthorizedAccessException)
            {
                LyrebirdCli.ReportProblem(context.Error, "--config", $"cannot read '{configPath}': {Innermost(exception).Message}");
                return ExitCodes.Usage;
            }

            sources.SetFile(configPath, ((IConfigurationRoot)builder.Configuration).Providers.Last());
        }

        builder.Configuration.AddInMemoryCollection(sources.EnvironmentValues);
        builder.Configuration.AddInMemoryCollection(sources.FlagValues);

        var options = new LyrebirdOptions();
        builder.Configuration.Bind(options);
        var problems = LyrebirdOptionsValidator.Validate(options)
            .Concat(LyrebirdOptionsValidator.ValidateLogLevels(builder.Configuration))
            .ToList();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                LyrebirdCli.ReportProblem(context.Error, sources.Describe(problem.Key), problem.Message);
            }

            return ExitCodes.Usage;
        }

        if (!PbxConfiguration.TryBind(builder.Configuration, out var pbx, out var pbxProblem))
        {
            LyrebirdCli.ReportProblem(context.Error, sources.Describe(pbxProblem.Key), pbxProblem.Message);
            return ExitCodes.Usage;
        }

        var settings = LyrebirdSettings.FromValidOptions(options);
        try
        {
            Directory.CreateDirectory(settings.DataDirectory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LyrebirdCli.ReportProblem(context.Error, "data directory", $"cannot create '{settings.DataDirectory}': {exception.Message}");
            return ExitCodes.Failure;
        }

        builder.AddPbx(settings, pbx);
        using var host = builder.Build();
        try
        {
            await context.RunHost(host, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the caller: a clean shutdown.
        }
        catch (Exception exception)
        {
            LyrebirdCli.ReportProblem(context.Error, "serve", exception.Message);
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}
