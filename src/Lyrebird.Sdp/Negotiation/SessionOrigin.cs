using System.Net;
using System.Security.Cryptography;
using Lyrebird.Sdp.Model;

namespace Lyrebird.Sdp.Negotiation;

/// <summary>
/// Lyrebird's own o= line for one leg of a call. A B2BUA must not forward the other side's o= (the session id and
/// version belong to the SDP's author), so each leg stamps what it sends with its own origin. RFC 3264 §8: the version
/// is incremented by one when the SDP sent differs from the previous one sent on this leg, and kept when it is the
/// same (e.g. a session refresh re-INVITE or a retransmitted answer). Not thread-safe: owned by the call.
/// </summary>
public sealed class SessionOrigin
{
    private SessionDescription? lastSent;

    public SessionOrigin(IPAddress address, ulong sessionId, ulong initialVersion, string username = "lyrebird")
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        var connection = SdpConnection.For(address);
        Origin = new SdpOrigin(username, sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture), initialVersion, connection.NetworkType, connection.AddressType, connection.Address);
    }

    /// <summary>The o= line the next unchanged SDP will carry (the one last sent, or the initial one).</summary>
    public SdpOrigin Origin { get; private set; }

    /// <summary>An origin with a random session id (RFC 4566 §5.2 suggests an NTP timestamp; any unique number will do) and version equal to it.</summary>
    public static SessionOrigin Create(IPAddress address)
    {
        var id = (ulong)RandomNumberGenerator.GetInt32(1, int.MaxValue);
        return new SessionOrigin(address, id, id);
    }

    /// <summary>
    /// Returns <paramref name="sdp"/> with this leg's o= line: the same version as last time when nothing else changed,
    /// otherwise one more. Call it once for each SDP actually sent.
    /// </summary>
    public SessionDescription Apply(SessionDescription sdp)
    {
        ArgumentNullException.ThrowIfNull(sdp);
        var candidate = sdp with { Origin = Origin };
        if (lastSent is null || candidate.Equals(lastSent))
        {
            lastSent = candidate;
            return candidate;
        }

        Origin = Origin with { SessionVersion = Origin.SessionVersion + 1 };
        lastSent = sdp with { Origin = Origin };
        return lastSent;
    }
}
