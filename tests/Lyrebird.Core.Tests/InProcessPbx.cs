using System.Collections.Concurrent;
using System.Net;
using Lyrebird.Core.Registration;
using Lyrebird.Core.Signaling;
using Lyrebird.Core.Users;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Parsing;
using Lyrebird.Sip.Transactions;
using Lyrebird.Sip.Transport;
using Lyrebird.Sip.UserAgent.Validation;
using Lyrebird.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Lyrebird.Core.Tests;

/// <summary>
/// The PBX's signalling stack without sockets: bytes go through the real parser, the stateless rejection table, the
/// real transaction layer and <see cref="PbxSignaling"/>; what would be sent is recorded.
/// </summary>
public sealed class InProcessPbx : ISipMessageSender, IDisposable
{
    public static readonly SipFlow PhoneFlow = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060), new IPEndPoint(IPAddress.Parse("127.0.0.23"), 40123));

    private readonly TempDataDirectory _data = new();
    private readonly TransactionLayer _transactions;

    public InProcessPbx()
    {
        var database = new SqliteDatabase(_data.Path);
        Users = new UserDirectory(new SqliteUserStore(database), "lyrebird", Time);
        Registrar = new Registrar(new SqliteRegistrationStore(database), Time);
        Signaling = new PbxSignaling(new PbxOptions(), Users, Registrar, Time, NullLogger<PbxSignaling>.Instance) { HandleInline = true };
        _transactions = new TransactionLayer(this, Signaling, Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));

    public UserDirectory Users { get; }

    public Registrar Registrar { get; }

    public PbxSignaling Signaling { get; }

    public ConcurrentQueue<SipMessage> Sent { get; } = new();

    /// <summary>Feeds one datagram in as the UDP ingress does and returns the responses it caused.</summary>
    public IReadOnlyList<SipResponse> Receive(byte[] datagram)
    {
        Sent.Clear();
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

        _transactions.OnMessage(result.Message!, PhoneFlow);
        return [.. Sent.OfType<SipResponse>()];
    }

    public ValueTask<bool> SendAsync(SipMessage message, SipFlow flow, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue(message);
        return ValueTask.FromResult(true);
    }

    public ValueTask<bool> SendResponseAsync(SipResponse response, SipFlow requestFlow, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue(response);
        return ValueTask.FromResult(true);
    }

    public void Dispose()
    {
        _transactions.Dispose();
        _data.Dispose();
    }
}
