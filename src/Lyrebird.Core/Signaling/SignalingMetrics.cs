using System.Diagnostics.Metrics;

namespace Lyrebird.Core.Signaling;

/// <summary>Counters of the PBX's signalling (meter <c>Lyrebird.Signaling</c>).</summary>
public sealed class SignalingMetrics
{
    public const string MeterName = "Lyrebird.Signaling";

    private readonly Counter<long> _authenticationFailures;
    private readonly Counter<long> _coolDowns;
    private readonly Counter<long> _registrations;

    public SignalingMetrics(IMeterFactory? meterFactory = null)
    {
        var meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _authenticationFailures = meter.CreateCounter<long>("lyrebird.sip.auth.failures", description: "Digest authentications that failed (wrong password, unknown user, refused during a cool-down)");
        _coolDowns = meter.CreateCounter<long>("lyrebird.sip.auth.cooldowns", description: "Source addresses put on a cool-down after too many failures");
        _registrations = meter.CreateCounter<long>("lyrebird.sip.registrations", description: "Successful REGISTER requests");
    }

    public void AuthenticationFailed(string outcome) => _authenticationFailures.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void CoolDownStarted() => _coolDowns.Add(1);

    public void Registered() => _registrations.Add(1);
}
