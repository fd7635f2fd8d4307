using Lyrebird.Core.Media;
using Lyrebird.Core.Registration;
using Lyrebird.Sip.UserAgent.Authentication;

namespace Lyrebird.Core;

/// <summary>Settings of the PBX core (signalling, authentication, registration), bound from configuration by the host.</summary>
public sealed record PbxOptions
{
    /// <summary>Digest realm. Users' HA1 values are computed for it when they are created or their password is set,
    /// so changing it requires setting every password again.</summary>
    public string Realm { get; init; } = "lyrebird";

    /// <summary>Product token in Server / User-Agent headers.</summary>
    public string Product { get; init; } = "Lyrebird";

    /// <summary>Digest algorithms challenged for, in order, comma-separated: "MD5,SHA-256" (default: MD5 first, because
    /// many phones take the first challenge whatever its algorithm), "SHA-256,MD5" or "SHA-256".</summary>
    public string DigestAlgorithms { get; init; } = "MD5,SHA-256";

    /// <summary>How long a digest nonce is accepted before it is stale.</summary>
    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed authentications from one address within <see cref="AuthFailureWindow"/> that start a cool-down.</summary>
    public int AuthFailureThreshold { get; init; } = 10;

    public TimeSpan AuthFailureWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an address that failed too often gets 403 without its credentials being checked.</summary>
    public TimeSpan AuthCoolDown { get; init; } = TimeSpan.FromMinutes(5);

    public RegistrarOptions Registrar { get; init; } = new();

    /// <summary>How often expired registrations are swept out of memory and storage.</summary>
    public TimeSpan RegistrationSweepInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a call may ring before the caller gets 480 and the callee's phones a CANCEL.</summary>
    public TimeSpan NoAnswerTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A connected call whose relay saw no RTP or RTCP for this long is ended (BYE on both legs, with a Reason).</summary>
    public TimeSpan MediaInactivityTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Lowest port of the RTP relay range (RTP on even ports, RTCP on the next odd one).</summary>
    public int RtpPortLow { get; init; } = 10000;

    /// <summary>Highest port of the RTP relay range.</summary>
    public int RtpPortHigh { get; init; } = 20000;

    /// <summary>Which relay anchors calls' media: <see cref="MediaRelayKind.Fast"/> (default: Lyrebird.Media's epoll relay,
    /// falling back to <see cref="MediaRelayKind.Simple"/> where it cannot run, i.e. other than Linux x86-64) or
    /// <see cref="MediaRelayKind.Simple"/> (plain async sockets).</summary>
    public MediaRelayKind MediaRelay { get; init; } = MediaRelayKind.Fast;

    /// <summary>The address SDP advertises for the relay (c=). Default (null): the SIP listen address, or when SIP
    /// listens on 0.0.0.0 the first up, non-loopback IPv4 address of the machine. Set it to the public address when
    /// Lyrebird is behind NAT.</summary>
    public string? MediaAddress { get; init; }

    /// <summary>Codecs calls may use, as <c>NAME/clock[/channels]</c> (telephone-event is always kept alongside). The
    /// default is what Lyrebird can record: PCMU, PCMA, G722.</summary>
    public IReadOnlyList<string> Codecs { get; init; } = ["PCMU/8000", "PCMA/8000", "G722/8000"];

    /// <summary>Recording-account URIs (the phone's Recorder key), comma-separated, case-insensitive: a call to one of
    /// these users is answered by Lyrebird itself and recorded in mono (RECORDING.md §2). They cannot be extensions.</summary>
    public string RecorderTargets { get; init; } = "9999,recorder";

    /// <summary>A recorder call that received no RTP for this long (not counting while the phone's offer is inactive)
    /// is ended by Lyrebird with a BYE; what was recorded is kept.</summary>
    public TimeSpan RecorderInactivityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest a recorder call may last before Lyrebird ends it with a BYE.</summary>
    public TimeSpan RecorderMaxDuration { get; init; } = TimeSpan.FromHours(4);

    /// <summary><see cref="RecorderTargets"/> as a list (trimmed, empty entries dropped).</summary>
    public IReadOnlyList<string> GetRecorderTargets() => ParseRecorderTargets(RecorderTargets);

    /// <summary>Splits a <see cref="RecorderTargets"/> value.</summary>
    public static IReadOnlyList<string> ParseRecorderTargets(string? targets) =>
        (targets ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether a Request-URI user names a recorder target (case-insensitive).</summary>
    public bool IsRecorderTarget(string? user) =>
        !string.IsNullOrEmpty(user) && GetRecorderTargets().Contains(user, StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses <see cref="DigestAlgorithms"/>; false with the offending token when one is unknown or the list is empty.</summary>
    public bool TryGetDigestAlgorithms(out IReadOnlyList<DigestAlgorithm> algorithms, out string? badToken)
    {
        var list = new List<DigestAlgorithm>();
        badToken = null;
        foreach (var token in DigestAlgorithms.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!DigestHash.TryParseToken(token, out var algorithm) || token.Length == 0)
            {
                badToken = token;
                break;
            }

            if (!list.Contains(algorithm))
            {
                list.Add(algorithm);
            }
        }

        algorithms = list;
        return badToken is null && list.Count > 0;
    }
}
