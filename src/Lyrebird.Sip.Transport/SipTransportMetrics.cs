using System.Diagnostics.Metrics;
using Lyrebird.Sip.Parsing;

namespace Lyrebird.Sip.Transport;

/// <summary>Counters of the transport layer (meter <see cref="MeterName"/>).</summary>
internal sealed class SipTransportMetrics : IDisposable
{
    public const string MeterName = "Lyrebird.Sip";
    public const string RejectedName = "lyrebird.sip.inbound.rejected";
    public const string ErrorsName = "lyrebird.sip.transport.errors";
    public const string ConnectionsName = "lyrebird.sip.tcp.connections";
    public const string RefusedName = "lyrebird.sip.tcp.refused";

    private static readonly string[] ReasonNames = Enum.GetValues<SipRejectReason>().Select(r => r.ToString()).ToArray();

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _errors;
    private readonly UpDownCounter<long> _connections;
    private readonly Counter<long> _refused;

    public SipTransportMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _rejected = _meter.CreateCounter<long>(RejectedName, "{message}", "Inbound SIP messages rejected by the transport, by reason.");
        _errors = _meter.CreateCounter<long>(ErrorsName, "{error}", "Internal errors caught in the transport's receive loops.");
        _connections = _meter.CreateUpDownCounter<long>(ConnectionsName, "{connection}", "Open SIP TCP connections.");
        _refused = _meter.CreateCounter<long>(RefusedName, "{connection}", "TCP connections refused or connects not attempted because of limits.");
    }

    /// <param name="kind">"request", "response" or "unknown".</param>
    public void Rejected(SipRejectReason reason, string kind, SipTransportKind transport) =>
        _rejected.Add(1,
            new KeyValuePair<string, object?>("reason", ReasonNames[(int)reason]),
            new KeyValuePair<string, object?>("kind", kind),
            new KeyValuePair<string, object?>("transport", transport.ToViaToken()));

    public void Error(string where) => _errors.Add(1, new KeyValuePair<string, object?>("where", where));

    public void ConnectionOpened() => _connections.Add(1);

    public void ConnectionClosed() => _connections.Add(-1);

    public void Refused(string limit) => _refused.Add(1, new KeyValuePair<string, object?>("limit", limit));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
