using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Parsing;

namespace Lyrebird.Sip.Transport;

/// <summary>The stateless ingress pipeline shared by UDP and TCP: parse, reject (count, Debug log, stateless
/// response when a request survived well enough to be answered), stamp received/rport, deliver.</summary>
public sealed partial class SipTransportLayer
{
    private const string KindRequest = "request";
    private const string KindResponse = "response";
    private const string KindUnknown = "unknown";

    /// <summary>Handles one complete message: a datagram, or a message framed from a stream.</summary>
    /// <param name="data">An array holding exactly this message; the parsed message keeps slices of it.</param>
    private async ValueTask IngestAsync(byte[] data, SipFlow flow)
    {
        var result = SipMessageParser.Parse(data, _limits, isStream: flow.IsReliable);
        if (result.Message is { } message)
        {
            if (message is SipRequest request)
            {
                SipViaStamp.Apply(request, flow.Remote);
            }

            Deliver(message, flow);
            return;
        }

        await RejectAsync(result.Reason, result.Header, result.IsResponse ? null : result.Salvage, result.IsResponse, data.Length, flow);
    }

    /// <summary>Counts and logs a rejection and, for a request that is not ACK, sends the stateless error response
    /// (RFC 3261 §8.2.6.2 header copying by <see cref="SipResponseFactory"/>).</summary>
    private async ValueTask RejectAsync(SipRejectReason reason, HeaderId header, SipRequest? salvage, bool isResponse, int length, SipFlow flow)
    {
        var kind = isResponse ? KindResponse : salvage is not null ? KindRequest : KindUnknown;
        _metrics.Rejected(reason, kind, flow.Transport);
        SipTransportLog.RejectedInbound(_logger, kind, flow, reason, header, length);

        if (salvage is null || salvage.MethodKind == SipMethodKind.Ack)
        {
            return;
        }

        SipViaStamp.Apply(salvage, flow.Remote);
        var (status, phrase) = SipRejection.Describe(reason, header);
        var response = SipResponseFactory.Create(salvage, status, phrase);
        if (await SendResponseAsync(response, flow, _stopping.Token))
        {
            SipTransportLog.SentStatelessResponse(_logger, status, phrase, flow);
        }
    }

    /// <summary>What did parse of a message whose body is unusable (too large, bad Content-Length): parses the header
    /// section alone as a datagram and returns the request, or the parser's salvage of it; null for a response or
    /// nothing usable.</summary>
    private SipRequest? SalvageHeaderSection(ReadOnlyMemory<byte> headerSection)
    {
        var result = SipMessageParser.Parse(headerSection, _limits with { MaxMessageBytes = Math.Max(_limits.MaxMessageBytes, headerSection.Length) });
        if (result.IsResponse)
        {
            return null;
        }

        return result.Message as SipRequest ?? result.Salvage;
    }

    private void Deliver(SipMessage message, SipFlow flow)
    {
        try
        {
            _handler.OnMessage(message, flow);
        }
        catch (Exception ex)
        {
            _metrics.Error("handler");
            if (_errorLogLimiter.TryAcquire())
            {
                SipTransportLog.HandlerFailed(_logger, flow, ex);
            }
        }
    }
}
