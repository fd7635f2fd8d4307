using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyrebird.Host.Configuration;

/// <summary>The one set of rules for configuration values, whichever source (file, environment, flag) they came
/// from.</summary>
public sealed class LyrebirdOptionsValidator : IValidateOptions<LyrebirdOptions>
{
    public const string SipExpectation = "expected ADDRESS:PORT (a.b.c.d:port or [IPv6]:port, port 0-65535)";
    public const string HttpExpectation = "expected an absolute http:// or https:// URL";
    public const string RtpPortsExpectation = "expected LOW-HIGH with 1024 <= LOW < HIGH <= 65535";
    public const string RtpPortsEvenExpectation = "expected LOW-HIGH with an even LOW (RTP uses even ports, RTCP the next odd one)";
    public const string DataExpectation = "expected a directory path";

    private static readonly string[] LogLevelNames = Enum.GetNames<LogLevel>();

    public static string LogLevelExpectation { get; } = "expected one of " + string.Join(", ", LogLevelNames);

    public ValidateOptionsResult Validate(string? name, LyrebirdOptions options)
    {
        var problems = Validate(options);
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => $"{p.Key}: {p.Message}"));
    }

    /// <summary>Every problem with <paramref name="options"/>, in a stable order (Data, Sip, Http, RtpPorts).</summary>
    public static IReadOnlyList<ConfigurationProblem> Validate(LyrebirdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<ConfigurationProblem>();
        if (string.IsNullOrWhiteSpace(options.Data) || options.Data.Contains('\0', StringComparison.Ordinal))
        {
            problems.Add(new(LyrebirdOptions.DataKey, $"{DataExpectation}, got '{options.Data}'"));
        }

        if (!TryParseSipEndPoint(options.Sip, out _))
        {
            problems.Add(new(LyrebirdOptions.SipKey, $"{SipExpectation}, got '{options.Sip}'"));
        }

        if (!TryParseHttpUrl(options.Http, out _))
        {
            problems.Add(new(LyrebirdOptions.HttpKey, $"{HttpExpectation}, got '{options.Http}'"));
        }

        if (!TryParseRtpPorts(options.RtpPorts, out var rtp))
        {
            problems.Add(new(LyrebirdOptions.RtpPortsKey, $"{RtpPortsExpectation}, got '{options.RtpPorts}'"));
        }
        else if (rtp.Low % 2 != 0)
        {
            problems.Add(new(LyrebirdOptions.RtpPortsKey, $"{RtpPortsEvenExpectation}, got '{options.RtpPorts}'"));
        }

        return problems;
    }

    /// <summary>Checks every value under <c>Logging:LogLevel</c> (the default level and per-category levels), which
    /// .NET logging would otherwise reject with an exception on first use.</summary>
    public static IReadOnlyList<ConfigurationProblem> ValidateLogLevels(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<ConfigurationProblem>();
        foreach (var entry in configuration.GetSection(LyrebirdOptions.LogLevelSection).AsEnumerable())
        {
            if (entry.Value is null)
            {
                continue;
            }

            if (!LogLevelNames.Contains(entry.Value, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(new(entry.Key, $"{LogLevelExpectation}, got '{entry.Value}'"));
            }
        }

        return problems;
    }

    /// <summary>Parses <c>a.b.c.d:port</c> or <c>[IPv6]:port</c>. Host names are not accepted: this is a listen
    /// address.</summary>
    public static bool TryParseSipEndPoint(string? value, [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        ReadOnlySpan<char> address;
        ReadOnlySpan<char> port;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            address = value.AsSpan(1, close - 1);
            port = value.AsSpan(close + 2);
            if (!IPAddress.TryParse(address, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            return TryParsePort(port, out var p6) && Assign(new IPEndPoint(v6, p6), out endPoint);
        }

        var colon = value.LastIndexOf(':');
        if (colon < 0)
        {
            return false;
        }

        address = value.AsSpan(0, colon);
        port = value.AsSpan(colon + 1);
        if (!IsDottedQuad(address) || !IPAddress.TryParse(address, out var v4))
        {
            return false;
        }

        return TryParsePort(port, out var p4) && Assign(new IPEndPoint(v4, p4), out endPoint);
    }

    public static bool TryParseHttpUrl(string? value, [NotNullWhen(true)] out Uri? url)
    {
        url = null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(parsed.Host))
        {
            return false;
        }

        url = parsed;
        return true;
    }

    /// <summary>Parses <c>LOW-HIGH</c> with 1024 ≤ LOW &lt; HIGH ≤ 65535. Whether LOW is even is checked
    /// separately so the message can say which rule was broken.</summary>
    public static bool TryParseRtpPorts(string? value, out RtpPortRange range)
    {
        range = default;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var dash = value.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0
            || !TryParseDecimal(value.AsSpan(0, dash), out var low)
            || !TryParseDecimal(value.AsSpan(dash + 1), out var high)
            || low < RtpPortRange.MinimumPort
            || high > RtpPortRange.MaximumPort
            || low >= high)
        {
            return false;
        }

        range = new RtpPortRange(low, high);
        return true;
    }

    private static bool TryParsePort(ReadOnlySpan<char> text, out int port) =>
        TryParseDecimal(text, out port) && port <= RtpPortRange.MaximumPort;

    /// <summary>Digits only (no sign, no spaces), at most 5 of them.</summary>
    private static bool TryParseDecimal(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        return text.Length is > 0 and <= 5
            && !text.ContainsAnyExceptInRange('0', '9')
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Exactly four dot-separated decimal parts: <see cref="IPAddress.TryParse(string, out IPAddress)"/>
    /// alone would accept "127.1" or "1".</summary>
    private static bool IsDottedQuad(ReadOnlySpan<char> text)
    {
        var parts = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (part.Length is 0 or > 3 || part.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            parts++;
        }

        return parts == 4;
    }

    private static bool Assign(IPEndPoint value, out IPEndPoint endPoint)
    {
        endPoint = value;
        return true;
    }
}
