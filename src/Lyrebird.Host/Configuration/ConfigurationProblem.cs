namespace Lyrebird.Host.Configuration;

/// <summary>One invalid configuration value: the configuration key it was read from and what is wrong with it.</summary>
/// <param name="Key">Configuration key, e.g. <c>RtpPorts</c> or <c>Logging:LogLevel:Default</c>.</param>
/// <param name="Message">What was expected and what was found, without the key (the caller names the source).</param>
public sealed record ConfigurationProblem(string Key, string Message);
