namespace Lyrebird.Sip.Headers;

/// <summary>One Via value (RFC 3261 §20.42): <c>SIP/2.0/UDP host:port;branch=…;rport;received=…</c>.</summary>
public sealed class SipVia
{
    public const string MagicCookie = "z9hG4bK";

    public SipVia(string transport, string host, int? port = null)
    {
        Transport = transport;
        Host = host;
        Port = port;
    }

    /// <summary>"SIP/2.0" normally.</summary>
    public string Protocol { get; set; } = "SIP/2.0";

    /// <summary>Upper-case transport token: UDP, TCP, TLS, SCTP, WS, WSS, …</summary>
    public string Transport { get; set; }

    /// <summary>sent-by host (IPv6 in brackets).</summary>
    public string Host { get; set; }

    public int? Port { get; set; }

    public SipParameters Parameters { get; } = new();

    public string? Branch { get => Parameters["branch"]; set => Parameters.Set("branch", value); }

    public string? Received { get => Parameters["received"]; set => Parameters.Set("received", value); }

    /// <summary>True when an <c>rport</c> parameter is present (with or without value).</summary>
    public bool HasRPort => Parameters.Contains("rport");

    /// <summary>The rport value once filled in by the server, else null.</summary>
    public int? RPort => int.TryParse(Parameters["rport"], System.Globalization.NumberStyles.None, null, out var p) ? p : null;

    /// <summary>Branch starts with the RFC 3261 magic cookie (and has something after it).</summary>
    public bool IsRfc3261Branch => Branch is { Length: > 7 } b && b.StartsWith(MagicCookie, StringComparison.Ordinal);

    public static bool TryParse(ReadOnlySpan<byte> value, out SipVia via)
    {
        if (ViaSyntax.Scan(value, out var parts) != ViaScanResult.Ok)
        {
            via = null!;
            return false;
        }

        var transport = System.Text.Encoding.ASCII.GetString(parts.Transport).ToUpperInvariant();
        via = new SipVia(transport, System.Text.Encoding.ASCII.GetString(parts.Host), parts.Port >= 0 ? parts.Port : null);
        if (!(parts.ProtocolName.SequenceEqual("SIP"u8) && parts.ProtocolVersion.SequenceEqual("2.0"u8)))
        {
            via.Protocol = System.Text.Encoding.ASCII.GetString(parts.ProtocolName).ToUpperInvariant() + "/"
                + System.Text.Encoding.ASCII.GetString(parts.ProtocolVersion);
        }

        if (!parts.Parameters.IsEmpty)
        {
            Grammar.SipSyntax.TryParseHeaderParameters(parts.Parameters, via.Parameters);
        }

        return true;
    }

    public static bool TryParse(string value, out SipVia via) => TryParse(System.Text.Encoding.UTF8.GetBytes(value), out via);

    public SipVia Clone()
    {
        var copy = new SipVia(Transport, Host, Port) { Protocol = Protocol };
        foreach (var (name, value) in Parameters)
        {
            copy.Parameters.Add(name, value);
        }

        return copy;
    }

    /// <summary>Canonical form: <c>SIP/2.0/UDP host:port;name=value</c>, no optional whitespace.</summary>
    public override string ToString()
    {
        var port = Port is { } p ? ":" + p.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
        return $"{Protocol}/{Transport} {Host}{port}{Parameters}";
    }
}
