using System.Collections.Concurrent;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transport;

namespace Lyrebird.Sip.Transactions.Tests;

/// <summary>A TU that records every callback; optional hooks let a test answer from inside a callback.</summary>
internal sealed class RecordingUser : ITransactionUser
{
    public ConcurrentQueue<string> Events { get; } = new();

    public List<ServerTransaction> Requests { get; } = [];

    public List<(ServerTransaction Cancel, ServerTransaction Invite)> Cancels { get; } = [];

    public List<SipRequest> StrayAcks { get; } = [];

    public List<SipResponse> StrayResponses { get; } = [];

    public Action<ServerTransaction, SipRequest>? OnRequestHook { get; set; }

    public void OnRequest(ServerTransaction transaction, SipRequest request, SipFlow flow)
    {
        Events.Enqueue($"request {request.Method}");
        Requests.Add(transaction);
        OnRequestHook?.Invoke(transaction, request);
    }

    public void OnCancel(ServerTransaction cancel, ServerTransaction invite, SipRequest request, SipFlow flow)
    {
        Events.Enqueue("cancel");
        Cancels.Add((cancel, invite));
    }

    public void OnResponse(ClientTransaction transaction, SipResponse response) => Events.Enqueue($"response {response.StatusCode}");

    public void OnTimeout(SipTransaction transaction, SipTimer timer) => Events.Enqueue($"timeout {timer}");

    public void OnTransportError(SipTransaction transaction) => Events.Enqueue("transport-error");

    public void OnTerminated(SipTransaction transaction) => Events.Enqueue($"terminated {transaction.Method}");

    public void OnStrayAck(SipRequest ack, SipFlow flow)
    {
        Events.Enqueue("stray-ack");
        StrayAcks.Add(ack);
    }

    public void OnStrayResponse(SipResponse response, SipFlow flow)
    {
        Events.Enqueue($"stray-response {response.StatusCode}");
        StrayResponses.Add(response);
    }
}
