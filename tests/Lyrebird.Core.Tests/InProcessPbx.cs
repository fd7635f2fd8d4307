using System.Net;
using Lyrebird.Core.Media;
using Lyrebird.Core.Registration;
using Lyrebird.Core.Signaling;
using Lyrebird.Core.Users;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Parsing;
using Lyrebird.Sip.Transactions;
using Lyrebird.Sip.Transport;
using Lyrebird.Sip.Writing;
using Lyrebird.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Lyrebird.Core.Tests;

/// <summary>
/// The PBX's signalling stack without sockets: bytes go through the real parser, the stateless rejection table, the
/// real transaction layer and <see cref="PbxSignaling"/>; what would be sent is recorded with the flow it would go on.
/// Calls anchor their media in a real <see cref="RelayMediaAnchor"/> (the product's default; the
/// <see cref="SimpleUdpRelayAnchor"/> with <see cref="MediaRelayKind.Simple"/>, or where the fast relay cannot run) on
/// 127.0.0.1 whose clock and timers are the same <see cref="FakeTimeProvider"/>.
/// </summary>
public sealed class InProcessPbx : ISipMessageSender, IDisposable
{
    public static readonly SipFlow PhoneFlow = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060), new IPEndPoint(IPAddress.Parse("127.0.0.23"), 40123));

    private readonly TempDataDirectory _data = new();
    private readonly Lock _outboxLock = new();
    private readonly List<(SipMessage Message, SipFlow Flow)> _outbox = [];

    public InProcessPbx(PbxOptions? options = null)
    {
        var database = new SqliteDatabase(_data.Path);
        Users = new UserDirectory(new SqliteUserStore(database), "lyrebird", Time);
        Registrar = new Registrar(new SqliteRegistrationStore(database), Time);
        var low = 20000 + (Random.Shared.Next(0, 400) * 50);
        Options = (options ?? new PbxOptions()) with { RtpPortLow = low, RtpPortHigh = low + 49 };
        var anchorOptions = new MediaAnchorOptions
        {
            BindAddress = IPAddress.Loopback, AdvertisedAddress = IPAddress.Loopback, PortLow = Options.RtpPortLow, PortHigh = Options.RtpPortHigh,
            InactivityTimeout = Options.MediaInactivityTimeout, IoThreads = 1,
        };
        Anchor = Options.MediaRelay == MediaRelayKind.Fast && RelayMediaAnchor.IsSupported
            ? new RelayMediaAnchor(anchorOptions, Time)
            : new SimpleUdpRelayAnchor(anchorOptions, Time, NullLogger<SimpleUdpRelayAnchor>.Instance);
        Signaling = new PbxSignaling(Options, Users, Registrar, Time, NullLogger<PbxSignaling>.Instance, Anchor, null) { HandleInline = true };
        Transactions = new TransactionLayer(this, Signaling, Time);
        Signaling.Attach(Transactions, this);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));

    public PbxOptions Options { get; }

    public UserDirectory Users { get; }

    public Registrar Registrar { get; }

    public PbxSignaling Signaling { get; }

    public TransactionLayer Transactions { get; }

    public IMediaAnchor Anchor { get; }

    public int PortPairCapacity => Anchor is RelayMediaAnchor fast ? fast.PortPairCapacity : ((SimpleUdpRelayAnchor)Anchor).PortPairCapacity;

    public int PortPairsAvailable => Anchor is RelayMediaAnchor fast ? fast.PortPairsAvailable : ((SimpleUdpRelayAnchor)Anchor).PortPairsAvailable;

    /// <summary>Everything sent since the last <see cref="Receive"/> (responses and requests).</summary>
    public IReadOnlyList<SipMessage> Sent
    {
        get
        {
            lock (_outboxLock)
            {
                return [.. _outbox.Select(o => o.Message)];
            }
        }
    }

    /// <summary>Feeds one datagram in from <see cref="PhoneFlow"/> as the UDP ingress does and returns the responses it caused.</summary>
    public IReadOnlyList<SipResponse> Receive(byte[] datagram)
    {
        lock (_outboxLock)
        {
            _outbox.Clear();
        }

        var result = SipMessageParser.Parse(datagram, SipLimits.Default);
        if (!result.IsOk)
        {
            if (result.Salvage is { MethodKind: not SipMethodKind.Ack } salvage && !result.IsResponse)
            {
                var (status, reason) = SipRejection.Describe(result.Reason, result.Header);
                return [SipResponseFactory.Create(salvage, status, reason)];
            }

            return [];
        }

        Transactions.OnMessage(result.Message!, PhoneFlow);
        return [.. Sent.OfType<SipResponse>()];
    }

    /// <summary>Delivers a message from a phone at <paramref name="from"/>: written to bytes and parsed again, as on the wire.</summary>
    public void Deliver(SipMessage message, IPEndPoint from)
    {
        var result = SipMessageParser.Parse(SipMessageWriter.ToArray(message), SipLimits.Default);
        Assert.True(result.IsOk, $"the test built an unparsable message: {result}");
        Transactions.OnMessage(result.Message!, new SipFlow(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060), from));
    }

    /// <summary>Removes and returns what was sent to <paramref name="remote"/>, in order.</summary>
    public List<SipMessage> TakeFor(IPEndPoint remote)
    {
        lock (_outboxLock)
        {
            var mine = _outbox.Where(o => o.Flow.Remote.Equals(remote)).Select(o => o.Message).ToList();
            _outbox.RemoveAll(o => o.Flow.Remote.Equals(remote));
            return mine;
        }
    }

    public ValueTask<bool> SendAsync(SipMessage message, SipFlow flow, CancellationToken cancellationToken = default)
    {
        lock (_outboxLock)
        {
            _outbox.Add((message, flow));
        }

        return ValueTask.FromResult(true);
    }

    public ValueTask<bool> SendResponseAsync(SipResponse response, SipFlow requestFlow, CancellationToken cancellationToken = default) =>
        SendAsync(response, requestFlow, cancellationToken);

    public void Dispose()
    {
        Transactions.Dispose();
        (Anchor as IDisposable)?.Dispose();
        _data.Dispose();
    }
}
