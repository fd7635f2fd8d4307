using System.Globalization;
using System.Net;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.Transport;

/// <summary>Adds <c>received</c> and fills <c>rport</c> on the top Via of an inbound request (RFC 3261 §18.2.1,
/// RFC 3581 §4).</summary>
internal static class SipViaStamp
{
    /// <summary>
    /// When the sent-by host is not the source address, sets <c>received=</c> to it. When the Via carries an empty
    /// <c>rport</c>, sets it to the source port and also sets <c>received</c> (RFC 3581 §4 requires it even when equal).
    /// The top Via header value is replaced by the rewritten <see cref="SipVia.ToString"/> only when something changed.
    /// </summary>
    /// <returns>True when the Via was rewritten; false when unchanged or when there is no parsable top Via.</returns>
    public static bool Apply(SipRequest request, IPEndPoint source)
    {
        var headers = request.Headers;
        var index = headers.IndexOf(HeaderId.Via);
        if (index < 0 || !SipVia.TryParse(headers[index].RawValue.Span, out var via))
        {
            return false;
        }

        var sourceAddress = SipAddresses.Normalize(source.Address);
        var changed = false;
        if (via.HasRPort && via.Parameters["rport"] is null)
        {
            via.Parameters.Set("rport", source.Port.ToString(CultureInfo.InvariantCulture));
            via.Received = SipAddresses.ToReceived(sourceAddress);
            changed = true;
        }
        else if (!sourceAddress.Equals(SipAddresses.TryParseHost(via.Host)))
        {
            via.Received = SipAddresses.ToReceived(sourceAddress);
            changed = true;
        }

        if (changed)
        {
            headers.RemoveAt(index);
            headers.Insert(index, new SipHeader(HeaderId.Via, via.ToString()));
        }

        return changed;
    }
}
