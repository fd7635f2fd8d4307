using Lyrebird.Core;
using Lyrebird.Core.Recording;
using Lyrebird.Core.Registration;
using Lyrebird.Core.Signaling;
using Lyrebird.Core.Storage;
using Lyrebird.Core.Users;
using Lyrebird.Host.Configuration;
using Lyrebird.Sip.Transport;
using Lyrebird.Storage.Sqlite;
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

    public static void AddPbx(this HostApplicationBuilder builder, LyrebirdSettings settings, PbxOptions pbx)
    {
        pbx = pbx with { RtpPortLow = settings.RtpPorts.Low, RtpPortHigh = settings.RtpPorts.High }; // --rtp-ports feeds the media relay
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
        builder.Services.AddSingleton(pbx);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton(_ => new SqliteDatabase(settings.DataDirectory));
        builder.Services.AddSingleton<IUserStore, SqliteUserStore>();
        builder.Services.AddSingleton<IRegistrationStore, SqliteRegistrationStore>();
        builder.Services.AddSingleton<IRecordingCatalog, SqliteRecordingCatalog>();
        builder.Services.AddSingleton(services => new RecordingService(services.GetRequiredService<IRecordingCatalog>(), settings.DataDirectory,
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<RecordingService>>()));
        builder.Services.AddSingleton(services => new UserDirectory(services.GetRequiredService<IUserStore>(), pbx.Realm,
            services.GetRequiredService<TimeProvider>(), pbx.GetRecorderTargets()));
        builder.Services.AddSingleton(services => new Registrar(services.GetRequiredService<IRegistrationStore>(),
            services.GetRequiredService<TimeProvider>(), pbx.Registrar));
        builder.Services.AddSingleton(services => new SipServer(
            new SipTransportOptions { Endpoints = [settings.SipEndPoint.ToString()] },
            pbx,
            services.GetRequiredService<UserDirectory>(),
            services.GetRequiredService<Registrar>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILoggerFactory>(),
            services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            mediaAnchor: null,
            recording: services.GetRequiredService<CallRecordingController>()));
        builder.Services.AddSingleton(services => new CallRecordingController(services.GetRequiredService<RecordingService>(),
            services.GetRequiredService<UserDirectory>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<CallRecordingController>>()));
        builder.Services.AddHostedService<PbxHostedService>();
    }
}
