namespace Lyrebird.Host.Configuration;

/// <summary>The PBX settings as they appear in configuration (JSON file, <c>LYREBIRD_</c> environment variables,
/// command-line flags). Values stay strings here so that every source is validated by the same rules
/// (<see cref="LyrebirdOptionsValidator"/>); <see cref="LyrebirdSettings.FromValidOptions"/> turns valid options into
/// typed settings.</summary>
public sealed class LyrebirdOptions
{
    public const string DefaultData = "./data";
    public const string DefaultSip = "0.0.0.0:5060";
    public const string DefaultHttp = "http://127.0.0.1:8080";
    public const string DefaultRtpPorts = "10000-20000";

    /// <summary>Configuration key of the data directory (recordings, database).</summary>
    public const string DataKey = "Data";

    /// <summary>Configuration key of the SIP listen address, <c>ADDRESS:PORT</c> (UDP and TCP).</summary>
    public const string SipKey = "Sip";

    /// <summary>Configuration key of the HTTP base URL of the web interface.</summary>
    public const string HttpKey = "Http";

    /// <summary>Configuration key of the RTP port range, <c>LOW-HIGH</c>.</summary>
    public const string RtpPortsKey = "RtpPorts";

    /// <summary>Configuration key of the default log level (standard .NET logging configuration).</summary>
    public const string LogLevelKey = "Logging:LogLevel:Default";

    /// <summary>Section holding per-category log levels (standard .NET logging configuration).</summary>
    public const string LogLevelSection = "Logging:LogLevel";

    public string Data { get; set; } = DefaultData;

    public string Sip { get; set; } = DefaultSip;

    public string Http { get; set; } = DefaultHttp;

    public string RtpPorts { get; set; } = DefaultRtpPorts;
}
