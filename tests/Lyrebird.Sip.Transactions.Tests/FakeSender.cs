using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transport;

namespace Lyrebird.Sip.Transactions.Tests;

/// <summary>Records every message the layer sends; <see cref="Fail"/> makes sends report failure.</summary>
internal sealed class FakeSender : ISipMessageSender
{
    private readonly Lock _gate = new();
    private readonly List<(SipMessage Message, SipFlow Flow)> _sent = [];

    public bool Fail { get; set; }

    public IReadOnlyList<(SipMessage Message, SipFlow Flow)> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    public IEnumerable<SipResponse> Responses(int status) => Sent.Select(s => s.Message).OfType<SipResponse>().Where(r => r.StatusCode == status);

    public IEnumerable<SipRequest> Requests(string method) => Sent.Select(s => s.Message).OfType<SipRequest>().Where(r => r.Method == method);

    public ValueTask<bool> SendAsync(SipMessage message, SipFlow flow, CancellationToken cancellationToken = default) => Record(message, flow);

    public ValueTask<bool> SendResponseAsync(SipResponse response, SipFlow requestFlow, CancellationToken cancellationToken = default) => Record(response, requestFlow);

    private ValueTask<bool> Record(SipMessage message, SipFlow flow)
    {
        lock (_gate)
        {
            _sent.Add((message, flow));
        }

        return ValueTask.FromResult(!Fail);
    }
}
