using System.Globalization;
using Lyrebird.Core.Media;
using Lyrebird.Core.Users;
using Lyrebird.Sdp.Model;
using Lyrebird.Sdp.Negotiation;
using Lyrebird.Sdp.Writing;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transactions;
using Lyrebird.Sip.Transport;
using Lyrebird.Sip.UserAgent.Dialogs;

namespace Lyrebird.Core.Calls;

/// <summary>
/// One call between two extensions, anchored by Lyrebird as a back-to-back user agent: leg A is the caller's dialog
/// with us (we are its UAS), leg B our dialog with the callee (we are its UAC). The callee's INVITE is forked to every
/// registered contact in parallel; the first 2xx wins and the other branches are cancelled (a late 2xx is ACKed and
/// BYEd). Media is relayed through an <see cref="IMediaSession"/>: each leg's SDP is rewritten to the relay's address
/// and ports, and each leg gets its own SDP origin.
/// </summary>
/// <remarks>
/// <code>
///   INVITE authenticated, callee has contacts
///   → 100 Trying, INVITE to every contact
///            |
///            v          18x from a branch → 18x to caller
///      +-----------+ ------------------------------> +-----------+
///      |  Trying   |                                 |  Ringing  | 18x: relayed (183 SDP rewritten)
///      +-----------+                                 +-----------+
///        |   |  first 2xx: ACK it, 200 to caller,       |   |
///        |   |  CANCEL other branches                   |   |
///        |   +----------------------+   +---------------+   |
///        |                          v   v                   |
///        |                     +-----------+                |  caller CANCEL → 487; no answer → 480;
///        |                     | Connected |                |  every branch failed → mapped final;
///        |                     +-----------+                |  SDP error → 488 (all: CANCEL branches)
///        |  re-INVITE / UPDATE / INFO / OPTIONS relayed      |
///        |   BYE from a side → 200, BYE to the other;       |
///        |   leg failure / RTP inactivity → BYE both        |
///        |   (Reason header)      |                         |
///        v                        v                         v
///      +----------------------------------------------------------+
///      |                       Terminating                        |  waiting for the BYEs' and the branches'
///      +----------------------------------------------------------+  final responses (or their timeouts)
///                                  |
///                                  v  dialogs removed, media released, timers disposed
///                            +------------+
///                            | Terminated |
///                            +------------+
/// </code>
/// <para>Threads: every method except <see cref="Post"/> runs inside the call's mailbox (see <see cref="CallManager"/>),
/// so the fields need no locks.</para>
/// </remarks>
public sealed partial class Call
{
    private readonly CallManager _manager;
    private readonly CallMailbox _mailbox;
    private readonly ServerTransaction _inviteA;
    private readonly SipRequest _requestA;
    private readonly SipFlow _flowA;
    private readonly string _tagA = SipIds.NewTag();
    private readonly string _callIdB = SipIds.NewCallId();
    private readonly string _fromTagB = SipIds.NewTag();
    private readonly SessionDescription _offerA;
    private readonly List<CallBranch> _branches = [];
    private readonly Dictionary<ClientTransaction, Outgoing> _outgoing = [];
    private readonly List<AnswerRetransmission> _retransmissions = [];
    private readonly DateTimeOffset _started;
    private SessionOrigin? _originA;
    private SessionOrigin? _originB;
    private SessionDescription? _offerB;
    private IMediaSession? _media;
    private Dialog? _dialogA;
    private Dialog? _dialogB;
    private CallBranch? _winner;
    private ITimer? _noAnswerTimer;
    private Relay? _pendingOffer;
    private int _pendingByes;
    private DateTimeOffset? _connectedAt;
    private readonly MediaStreamInfo?[] _audio = new MediaStreamInfo?[2];

    internal Call(CallManager manager, ServerTransaction invite, SipRequest request, SipFlow flow, User caller, string callee, SessionDescription offer)
    {
        _manager = manager;
        _inviteA = invite;
        _requestA = request;
        _flowA = flow;
        Caller = caller;
        CalleeExtension = callee;
        _offerA = offer;
        Id = SipIds.NewTag()[..10];
        _started = manager.Time.GetUtcNow();
        _mailbox = new CallMailbox(e => CallLog.Bug(manager.Logger, Id, e));
    }

    /// <summary>Short id for logs.</summary>
    public string Id { get; }

    public CallState State { get; private set; } = CallState.Trying;

    public User Caller { get; }

    public string CallerExtension => Caller.Extension;

    public string CalleeExtension { get; }

    /// <summary>The caller's Call-ID (leg A).</summary>
    public string? CallerCallId => _requestA.CallId;

    /// <summary>The callee leg's Call-ID (leg B).</summary>
    public string CalleeCallId => _callIdB;

    /// <summary>The relay session (null before media was allocated or after release).</summary>
    public IMediaSession? MediaSession => _media;

    /// <summary>When the call was answered; null before.</summary>
    public DateTimeOffset? ConnectedAt => _connectedAt;

    /// <summary>The first active audio stream as <paramref name="leg"/>'s phone described it (its address, payload
    /// types and codecs), from the latest offer/answer; null before media was negotiated. Read it on the call's mailbox
    /// (e.g. from the recording hooks).</summary>
    public MediaStreamInfo? AudioStream(MediaLeg leg) => _audio[(int)leg];

    /// <summary>Queues an event for this call (any thread).</summary>
    internal void Post(Action action) => _mailbox.Post(action);

    private TimeSpan T1 => _manager.Layer.Timers.T1;

    private TimeSpan T2 => _manager.Layer.Timers.T2;

    private static List<int> ActiveStreams(SessionDescription sdp)
    {
        var active = new List<int>();
        for (var i = 0; i < sdp.Media.Count; i++)
        {
            if (!sdp.Media[i].IsRejected)
            {
                active.Add(i);
            }
        }

        return active;
    }

    /// <summary>SDP rewritten toward <paramref name="leg"/>: the relay's address and that leg's ports, that leg's origin.
    /// Null when no ports could be allocated.</summary>
    private SessionDescription? RewriteToward(MediaLeg leg, SessionDescription sdp)
    {
        var media = _media!;
        var ports = new Dictionary<int, RelayPorts>();
        foreach (var i in ActiveStreams(sdp))
        {
            if (media.GetPorts(leg, i) is not { } p)
            {
                return null;
            }

            ports[i] = p;
        }

        var origin = leg == MediaLeg.A ? _originA! : _originB!;
        return OfferAnswer.RewriteForRelay(sdp, media.AdvertisedAddress, i => (ports[i].RtpPort, ports[i].RtcpPort), origin);
    }

    private void SetRemote(MediaLeg leg, SessionDescription remote, SessionDescription? counterpart)
    {
        if (_media is null)
        {
            return;
        }

        var audioSeen = false;
        foreach (var stream in OfferAnswer.ExtractStreams(remote, counterpart))
        {
            if (stream.IsActive)
            {
                _media.SetRemote(leg, stream);
                if (!audioSeen && stream.Media == "audio")
                {
                    _audio[(int)leg] = stream;
                    audioSeen = true;
                }
            }
        }
    }

    /// <summary>The SDP answer in <paramref name="response"/> checked against <paramref name="offer"/>: null and the
    /// answer, or the problem.</summary>
    private static string? ReadAnswer(SipResponse response, SessionDescription offer, out SessionDescription? answer)
    {
        answer = null;
        if (response.Body.IsEmpty)
        {
            return "No SDP answer";
        }

        var parsed = Sdp.Parsing.SdpParser.Parse(response.Body.Span);
        if (!parsed.IsOk)
        {
            return parsed.Error.Message;
        }

        var check = OfferAnswer.CheckAnswer(offer, parsed.Value);
        if (!check.IsOk)
        {
            return check.Error.Message;
        }

        answer = parsed.Value;
        return null;
    }

    private static void SetSdpBody(SipMessage message, SessionDescription sdp)
    {
        message.Headers.Set(HeaderId.ContentType, "application/sdp");
        message.Body = SdpWriter.WriteUtf8(sdp);
    }

    private static string Warning(Sdp.SdpError error) =>
        $"{error.WarningCode.ToString(CultureInfo.InvariantCulture)} lyrebird \"{error.Message.Replace('"', '\'')}\"";

    private static string ReasonHeader(int cause, string text) => $"SIP;cause={cause.ToString(CultureInfo.InvariantCulture)};text=\"{text}\"";

    private Dialog? DialogOf(MediaLeg leg) => leg == MediaLeg.A ? _dialogA : _dialogB;

    private SipFlow FlowOf(MediaLeg leg) => leg == MediaLeg.A ? _flowA : _winner!.Flow;

    private static MediaLeg Other(MediaLeg leg) => leg == MediaLeg.A ? MediaLeg.B : MediaLeg.A;

    private ClientTransaction Send(SipRequest request, SipFlow flow, Outgoing purpose)
    {
        request.Headers.Set(HeaderId.UserAgent, _manager.Options.Product);
        var transaction = _manager.Layer.SendRequest(request, flow);
        _outgoing[transaction] = purpose;
        _manager.Track(transaction, this);
        return transaction;
    }

    private void SendAck(Dialog dialog, uint cseq, SipFlow flow)
    {
        var ack = dialog.CreateAck(cseq, _manager.NewVia(flow));
        _ = _manager.Sender.SendAsync(ack, flow).AsTask();
    }

    private enum OutgoingKind : byte
    {
        BranchInvite,
        Bye,
        Relay,
    }

    private sealed record Outgoing(OutgoingKind Kind, CallBranch? Branch = null, Relay? Relay = null);

    /// <summary>An in-dialog request relayed from one leg to the other, waiting for the other leg's answer.</summary>
    private sealed class Relay(ServerTransaction server, SipRequest request, MediaLeg from)
    {
        public ServerTransaction Server { get; } = server;

        public SipRequest Request { get; } = request;

        public MediaLeg From { get; } = from;

        /// <summary>The SDP offer the requester sent (filtered), when the request carried one.</summary>
        public SessionDescription? Offer { get; init; }

        /// <summary>What we sent to the other leg (the offer rewritten toward it).</summary>
        public SessionDescription? SentOffer { get; init; }
    }

    /// <summary>A 2xx to an INVITE we answered, retransmitted on UDP until its ACK arrives (RFC 3261 §13.3.1.4).</summary>
    private sealed class AnswerRetransmission(ServerTransaction transaction, SipResponse response, MediaLeg leg, uint cseq)
    {
        public ServerTransaction Transaction { get; } = transaction;

        public SipResponse Response { get; } = response;

        public MediaLeg Leg { get; } = leg;

        public uint CSeq { get; } = cseq;

        public ITimer? Timer { get; set; }

        public TimeSpan Interval { get; set; }

        public TimeSpan Elapsed { get; set; }
    }
}
