using Lyrebird.Host.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Lyrebird.Host.Hosting;

/// <summary>Registers the PBX services on a host builder whose configuration is already complete.</summary>
internal static class PbxHost
{
    public static HostApplicationBuilder CreateBuilder() =>
        Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            // No appsettings.json, DOTNET_ variables or raw args: Lyrebird's configuration is exactly
            // --config file < LYREBIRD_ environment < flags (see ServeCommand).
            DisableDefaults = true,
            ApplicationName = "lyrebird",
            ContentRootPath = Directory.GetCurrentDirectory(),
        });

    public static void AddPbx(this HostApplicationBuilder builder, LyrebirdSettings settings)
    {
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
        });

        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.Services.AddSingleton<IValidateOptions<LyrebirdOptions>, LyrebirdOptionsValidator>();
        builder.Services.AddOptions<LyrebirdOptions>().Bind(builder.Configuration).ValidateOnStart();
        builder.Services.AddSingleton(settings);
        builder.Services.AddHostedService<PbxHostedService>();
    }
}
