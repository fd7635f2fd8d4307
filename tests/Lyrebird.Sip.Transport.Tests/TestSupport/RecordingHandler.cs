using System.Threading.Channels;
using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.Transport.Tests.TestSupport;

/// <summary>Collects delivered messages; tests await them with a generous deadline (a hang guard, not a timing check).</summary>
internal sealed class RecordingHandler : ISipMessageHandler
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly Channel<(SipMessage Message, SipFlow Flow)> _channel = Channel.CreateUnbounded<(SipMessage, SipFlow)>();

    public int Count;

    public void OnMessage(SipMessage message, SipFlow flow)
    {
        Interlocked.Increment(ref Count);
        _channel.Writer.TryWrite((message, flow));
    }

    public async Task<(SipMessage Message, SipFlow Flow)> NextAsync() => await _channel.Reader.ReadAsync().AsTask().WaitAsync(Deadline);

    public async Task<(SipRequest Request, SipFlow Flow)> NextRequestAsync()
    {
        var (message, flow) = await NextAsync();
        return (Assert.IsType<SipRequest>(message), flow);
    }

    public bool TryTake(out (SipMessage Message, SipFlow Flow) item) => _channel.Reader.TryRead(out item);
}
