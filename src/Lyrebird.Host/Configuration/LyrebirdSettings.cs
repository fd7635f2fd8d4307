using System.Net;

namespace Lyrebird.Host.Configuration;

/// <summary>Validated, typed PBX settings, registered as a singleton for the rest of the host.</summary>
/// <param name="DataDirectory">Absolute path of the data directory.</param>
/// <param name="SipEndPoint">Where SIP listens, on UDP and TCP. Port 0 means "any free port".</param>
/// <param name="HttpUrl">Base URL of the web interface (absolute http/https).</param>
/// <param name="RtpPorts">Ports for RTP/RTCP.</param>
public sealed record LyrebirdSettings(string DataDirectory, IPEndPoint SipEndPoint, Uri HttpUrl, RtpPortRange RtpPorts)
{
    /// <summary>Converts options that <see cref="LyrebirdOptionsValidator"/> accepted.</summary>
    /// <exception cref="ArgumentException">The options were not valid (a programming error: validate first).</exception>
    public static LyrebirdSettings FromValidOptions(LyrebirdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!LyrebirdOptionsValidator.TryParseSipEndPoint(options.Sip, out var sip)
            || !LyrebirdOptionsValidator.TryParseHttpUrl(options.Http, out var http)
            || !LyrebirdOptionsValidator.TryParseRtpPorts(options.RtpPorts, out var rtp)
            || string.IsNullOrWhiteSpace(options.Data))
        {
            throw new ArgumentException("Options must be validated before conversion.", nameof(options));
        }

        return new LyrebirdSettings(Path.GetFullPath(options.Data), sip, http, rtp);
    }

    /// <summary>"udp+tcp 0.0.0.0:5060" style description for logs.</summary>
    public string SipDescription => $"udp+tcp {SipEndPoint}";
}
