using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Lyrebird.Sip.Grammar;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Uris;

namespace Lyrebird.Sip.Parsing;

/// <summary>
/// Parses one complete SIP message (RFC 3261 §7, §25). Works on bytes; header values of the result are slices of
/// <c>data</c>, which the caller must keep unchanged for the message's lifetime. Never throws for any input.
/// </summary>
/// <remarks>
/// <para>Leading CRLFs before the start line are skipped (§7.5). Lines end in CRLF; a bare LF is tolerated as a line
/// end too (robustness: some devices and test tools send it, and accepting it is unambiguous). For a datagram, a header
/// section that runs to the end of the data without the empty line is accepted with an empty body; on a stream the
/// empty line is required.</para>
/// <para>Validated eagerly: Via (every value), From, To, Call-ID, CSeq (number below 2^31; for a known request method
/// the CSeq method must match, an unknown method is left to the UA layer's 501), Max-Forwards, Content-Length, the
/// singleton rule for From/To/Call-ID/CSeq/Max-Forwards/Content-Length/Content-Type, and Contact values of requests.
/// Checks run in header order, so the first bad header is the one reported.</para>
/// </remarks>
public static class SipMessageParser
{
    private const string PlaceholderMethod = "UNKNOWN";

    /// <param name="data">One datagram, or one message framed from a stream.</param>
    /// <param name="limits">Limits to enforce.</param>
    /// <param name="isStream">Stream transports require Content-Length (RFC 3261 §18.3); for datagrams a missing one
    /// means "the rest of the datagram", and bytes after Content-Length are ignored.</param>
    public static SipParseResult Parse(ReadOnlyMemory<byte> data, SipLimits limits, bool isStream = false)
    {
        limits ??= SipLimits.Default;
        var span = data.Span;
        var pos = 0;
        while (pos < span.Length && span[pos] is (byte)'\r' or (byte)'\n')
        {
            pos++;
        }

        var lineLength = span[pos..].IndexOf((byte)'\n');
        if (lineLength < 0)
        {
            return SipParseResult.Rejected(pos == span.Length ? SipRejectReason.InvalidStartLine : SipRejectReason.MissingHeaderTerminator);
        }

        var line = span.Slice(pos, lineLength);
        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }

        var headerStart = pos + lineLength + 1;
        return line.StartsWith("SIP/"u8)
            ? ParseResponse(data, line, headerStart, limits, isStream)
            : ParseRequest(data, line, headerStart, limits, isStream);
    }

    private static SipParseResult ParseResponse(ReadOnlyMemory<byte> data, ReadOnlySpan<byte> line, int headerStart, SipLimits limits, bool isStream)
    {
        var sp = line.IndexOf((byte)' ');
        if (sp < 0)
        {
            return SipParseResult.Rejected(SipRejectReason.InvalidStartLine, isResponse: true);
        }

        if (!Ascii.EqualsIgnoreCase(line[..sp], "SIP/2.0"u8))
        {
            return SipParseResult.Rejected(SipRejectReason.UnsupportedSipVersion, isResponse: true);
        }

        if (data.Length > limits.MaxMessageBytes)
        {
            return SipParseResult.Rejected(SipRejectReason.MessageTooLarge, isResponse: true);
        }

        var rest = line[(sp + 1)..];
        var codeEnd = rest.IndexOf((byte)' ');
        var code = codeEnd < 0 ? rest : rest[..codeEnd];
        if (code.Length != 3 || !SipSyntax.TryParseDigits(code, 999, out var status, out _) || status is < 100 or > 699)
        {
            return SipParseResult.Rejected(SipRejectReason.InvalidStatusCode, isResponse: true);
        }

        var reasonBytes = codeEnd < 0 ? default : rest[(codeEnd + 1)..];
        var defaultReason = SipStatusCodes.DefaultReason((int)status);
        var reason = Ascii.Equals(reasonBytes, defaultReason) ? defaultReason : Encoding.UTF8.GetString(reasonBytes);

        var outcome = ParseHeaders(data, headerStart, limits, isStream, null, out var headers, out var bodyStart, out var contentLength);
        if (outcome.Reason != SipRejectReason.None)
        {
            return SipParseResult.Rejected(outcome.Reason, outcome.Header, isResponse: true);
        }

        var body = SliceBody(data, bodyStart, contentLength, isStream, out var bodyReason);
        if (bodyReason != SipRejectReason.None)
        {
            return SipParseResult.Rejected(bodyReason, HeaderId.ContentLength, isResponse: true);
        }

        return SipParseResult.Ok(new SipResponse((int)status, reason, headers!, body));
    }

    private static SipParseResult ParseRequest(ReadOnlyMemory<byte> data, ReadOnlySpan<byte> line, int headerStart, SipLimits limits, bool isStream)
    {
        var sp1 = line.IndexOf((byte)' ');
        var spLast = line.LastIndexOf((byte)' ');
        if (sp1 <= 0 || spLast == sp1 || !line[(spLast + 1)..].StartsWith("SIP/"u8))
        {
            // Not recognisably a request: nothing to answer (a trailing SP after the version also ends up here, RFC 4475 trws).
            var looksLikeRequest = sp1 > 0 && spLast > sp1 && spLast == line.Length - 1 && line.IndexOf("SIP/"u8) > sp1;
            return Reject(data, headerStart, limits, SipRejectReason.InvalidStartLine, HeaderId.Unknown, looksLikeRequest, null, null);
        }

        var methodBytes = line[..sp1];
        var version = line[(spLast + 1)..];
        var uriBytes = line[(sp1 + 1)..spLast];
        string? method = null;
        if (SipCharacters.IsToken(methodBytes))
        {
            method = SipMethods.TryGetKnown(methodBytes) ?? Encoding.ASCII.GetString(methodBytes);
        }

        SipUri? uri = null;
        var uriReason = SipRejectReason.None;
        if (uriBytes.IsEmpty || uriBytes[0] == ' ' || uriBytes[^1] == ' ')
        {
            uriReason = SipRejectReason.InvalidStartLine; // more than one SP between elements (RFC 4475 lwsstart)
        }
        else if (uriBytes.ContainsAny(SipCharacters.Lws) || !SipUri.TryParse(uriBytes, out uri) || uri.Headers is not null)
        {
            uri = null; // LWS inside (lwsruri), <> (ltgtruri), headers (escruri, §19.1.1 table) or bad syntax
            uriReason = SipRejectReason.InvalidRequestUri;
        }

        if (method is null)
        {
            return Reject(data, headerStart, limits, SipRejectReason.InvalidStartLine, HeaderId.Unknown, true, null, uri);
        }

        if (!Ascii.EqualsIgnoreCase(version, "SIP/2.0"u8))
        {
            return Reject(data, headerStart, limits, SipRejectReason.UnsupportedSipVersion, HeaderId.Unknown, true, method, uri);
        }

        if (uriReason != SipRejectReason.None)
        {
            return Reject(data, headerStart, limits, uriReason, HeaderId.Unknown, true, method, uri);
        }

        if (data.Length > limits.MaxMessageBytes)
        {
            return Reject(data, headerStart, limits, SipRejectReason.MessageTooLarge, HeaderId.Unknown, true, method, uri);
        }

        var outcome = ParseHeaders(data, headerStart, limits, isStream, method, out var headers, out var bodyStart, out var contentLength);
        if (outcome.Reason != SipRejectReason.None)
        {
            return Reject(data, headerStart, limits, outcome.Reason, outcome.Header, true, method, uri);
        }

        var body = SliceBody(data, bodyStart, contentLength, isStream, out var bodyReason);
        if (bodyReason != SipRejectReason.None)
        {
            return Reject(data, headerStart, limits, bodyReason, HeaderId.ContentLength, true, method, uri);
        }

        return SipParseResult.Ok(new SipRequest(method, uri!, headers!, body));
    }

    private static ReadOnlyMemory<byte> SliceBody(ReadOnlyMemory<byte> data, int bodyStart, int contentLength, bool isStream, out SipRejectReason reason)
    {
        reason = SipRejectReason.None;
        var available = data.Length - bodyStart;
        if (contentLength < 0)
        {
            if (isStream)
            {
                reason = SipRejectReason.InvalidContentLength; // §18.3: Content-Length is mandatory on streams
                return default;
            }

            return data[bodyStart..];
        }

        if (contentLength > available)
        {
            reason = SipRejectReason.ContentLengthExceedsDatagram; // RFC 4475 clerr
            return default;
        }

        return data.Slice(bodyStart, contentLength);
    }

    private readonly record struct Outcome(SipRejectReason Reason, HeaderId Header)
    {
        public static Outcome Ok => default;
    }

    [Flags]
    private enum Seen : ushort
    {
        None = 0,
        Via = 1,
        From = 2,
        To = 4,
        CallId = 8,
        CSeq = 16,
        MaxForwards = 32,
        ContentLength = 64,
        ContentType = 128,
    }

    /// <summary>Reads and validates the header section into <paramref name="headers"/>. <paramref name="method"/> is
    /// the request method, or null for a response. <paramref name="contentLength"/> is -1 when absent.</summary>
    private static Outcome ParseHeaders(ReadOnlyMemory<byte> data, int headerStart, SipLimits limits, bool isStream, string? method,
        out SipHeaderCollection? headers, out int bodyStart, out int contentLength)
    {
        // Headers are collected in a per-thread scratch buffer and copied once into an array of the exact size.
        var scratch = t_scratch ?? new SipHeader[64];
        t_scratch = null;
        var count = 0;
        var outcome = ParseHeaders(data, headerStart, limits, isStream, method, ref scratch, ref count, out bodyStart, out contentLength);
        headers = outcome.Reason == SipRejectReason.None ? new SipHeaderCollection(scratch.AsSpan(0, count)) : null;
        scratch.AsSpan(0, count).Clear();
        t_scratch = scratch;
        return outcome;
    }

    [ThreadStatic]
    private static SipHeader[]? t_scratch;

    private static void Add(ref SipHeader[] scratch, ref int count, SipHeader header)
    {
        if (count == scratch.Length)
        {
            Array.Resize(ref scratch, count * 2);
        }

        scratch[count++] = header;
    }

    private static Outcome ParseHeaders(ReadOnlyMemory<byte> data, int headerStart, SipLimits limits, bool isStream, string? method,
        ref SipHeader[] scratch, ref int count, out int bodyStart, out int contentLength)
    {
        bodyStart = data.Length;
        contentLength = -1;
        var span = data.Span;
        var reader = new HeaderLineReader(span, headerStart);
        var seen = Seen.None;
        var viaCount = 0;
        var checkCSeqMethod = method is not null && SipMethods.KindOf(method) != SipMethodKind.Unknown;
        var (owner, ownerOffset) = OwnerOf(data);
        while (true)
        {
            var status = reader.Next(out var name, out var valueStart, out var valueEnd, out var folded);
            if (reader.Position - headerStart > limits.MaxHeaderSectionBytes)
            {
                return new Outcome(SipRejectReason.MessageTooLarge, HeaderId.Unknown);
            }

            if (status == HeaderLineStatus.End)
            {
                bodyStart = reader.Position;
                break;
            }

            if (status == HeaderLineStatus.EndOfData)
            {
                if (isStream)
                {
                    return new Outcome(SipRejectReason.MissingHeaderTerminator, HeaderId.Unknown);
                }

                bodyStart = span.Length;
                break;
            }

            if (status == HeaderLineStatus.Truncated)
            {
                return new Outcome(SipRejectReason.MissingHeaderTerminator, HeaderId.Unknown);
            }

            if (status == HeaderLineStatus.Bad)
            {
                return new Outcome(SipRejectReason.InvalidHeaderLine, HeaderId.Unknown);
            }

            var id = KnownHeaders.Lookup(name);
            HeaderValues.Trim(span, ref valueStart, ref valueEnd);
            ReadOnlySpan<byte> valueSpan;
            object? valueOwner;
            int valueOffset;
            if (folded)
            {
                var unfolded = HeaderValues.Unfold(span[valueStart..valueEnd]);
                (valueOwner, valueOffset) = OwnerOf(unfolded);
                valueSpan = unfolded.Span;
            }
            else
            {
                (valueOwner, valueOffset) = (owner, ownerOffset + valueStart);
                valueSpan = span[valueStart..valueEnd];
            }

            if (id == HeaderId.Unknown)
            {
                if (count >= limits.MaxHeaderCount)
                {
                    return new Outcome(SipRejectReason.TooManyHeaders, HeaderId.Unknown);
                }

                Add(ref scratch, ref count, new SipHeader(id, valueOwner, valueOffset, valueSpan.Length, Encoding.ASCII.GetString(name)));
                continue;
            }

            var kind = KnownHeaders.KindOf(id);
            if ((kind & KnownHeaders.Kind.List) == 0)
            {
                if (count >= limits.MaxHeaderCount)
                {
                    return new Outcome(SipRejectReason.TooManyHeaders, HeaderId.Unknown);
                }

                Add(ref scratch, ref count, new SipHeader(id, valueOwner, valueOffset, valueSpan.Length));
                if ((kind & KnownHeaders.Kind.Singleton) != 0)
                {
                    var flag = SingletonFlag(id);
                    if ((seen & flag) != 0 && flag != Seen.None)
                    {
                        return new Outcome(SipRejectReason.DuplicateSingletonHeader, id);
                    }

                    seen |= flag;
                }

                var check = ValidateSingle(id, valueSpan, method, checkCSeqMethod, ref contentLength);
                if (check != SipRejectReason.None)
                {
                    return new Outcome(check, id);
                }

                continue;
            }

            var position = 0;
            var added = 0;
            while (HeaderValues.NextElement(valueSpan, ref position, out var elementStart, out var elementEnd))
            {
                var element = valueSpan[elementStart..elementEnd];
                if (element.IsEmpty && (id is HeaderId.Via or HeaderId.Contact || valueSpan.Length > 0))
                {
                    if (id is HeaderId.Via or HeaderId.Contact)
                    {
                        return new Outcome(SipRejectReason.MalformedHeaderValue, id);
                    }

                    continue; // empty element of another list ("a,,b"): nothing to keep
                }

                if (count >= limits.MaxHeaderCount)
                {
                    return new Outcome(SipRejectReason.TooManyHeaders, HeaderId.Unknown);
                }

                Add(ref scratch, ref count, new SipHeader(id, valueOwner, valueOffset + elementStart, elementEnd - elementStart));
                added++;
                if (id == HeaderId.Via)
                {
                    seen |= Seen.Via;
                    if (++viaCount > limits.MaxViaCount)
                    {
                        return new Outcome(SipRejectReason.TooManyHeaders, HeaderId.Via);
                    }

                    if (ViaSyntax.Scan(element, out _) != ViaScanResult.Ok)
                    {
                        return new Outcome(SipRejectReason.MalformedHeaderValue, HeaderId.Via);
                    }
                }
                else if (id == HeaderId.Contact && method is not null && !NameAddressSyntax.Scan(element, out _))
                {
                    return new Outcome(SipRejectReason.MalformedHeaderValue, HeaderId.Contact);
                }
            }

            if (added == 0 && valueSpan.Length > 0)
            {
                Add(ref scratch, ref count, new SipHeader(id, valueOwner, valueOffset, valueSpan.Length)); // e.g. "Allow: ," — keep the line as received
            }
        }

        var missing = (seen & Seen.Via) == 0 ? HeaderId.Via
            : (seen & Seen.From) == 0 ? HeaderId.From
            : (seen & Seen.To) == 0 ? HeaderId.To
            : (seen & Seen.CallId) == 0 ? HeaderId.CallId
            : (seen & Seen.CSeq) == 0 ? HeaderId.CSeq
            : HeaderId.Unknown;
        return missing == HeaderId.Unknown ? Outcome.Ok : new Outcome(SipRejectReason.MissingRequiredHeader, missing);
    }

    /// <summary>The object behind <paramref name="memory"/> (array or memory manager) and the offset of its first
    /// byte in it: headers are packed from these directly instead of from one <see cref="ReadOnlyMemory{T}"/> each.</summary>
    private static (object? Owner, int Offset) OwnerOf(ReadOnlyMemory<byte> memory)
    {
        if (MemoryMarshal.TryGetArray(memory, out var segment))
        {
            return (segment.Array, segment.Offset);
        }

        return MemoryMarshal.TryGetMemoryManager(memory, out MemoryManager<byte>? manager, out var start, out _) ? (manager, start) : (null, 0);
    }

    private static Seen SingletonFlag(HeaderId id) => id switch
    {
        HeaderId.From => Seen.From,
        HeaderId.To => Seen.To,
        HeaderId.CallId => Seen.CallId,
        HeaderId.CSeq => Seen.CSeq,
        HeaderId.MaxForwards => Seen.MaxForwards,
        HeaderId.ContentLength => Seen.ContentLength,
        HeaderId.ContentType => Seen.ContentType,
        _ => Seen.None,
    };

    private static SipRejectReason ValidateSingle(HeaderId id, ReadOnlySpan<byte> value, string? method, bool checkCSeqMethod, ref int contentLength)
    {
        switch (id)
        {
            case HeaderId.From:
            case HeaderId.To:
                return NameAddressSyntax.Scan(value, out var parts) && !parts.IsWildcard ? SipRejectReason.None : SipRejectReason.MalformedHeaderValue;
            case HeaderId.CallId:
                return value.IsEmpty || value.ContainsAny(SipCharacters.Lws) ? SipRejectReason.MalformedHeaderValue : SipRejectReason.None;
            case HeaderId.CSeq:
                return ValidateCSeq(value, method, checkCSeqMethod);
            case HeaderId.MaxForwards:
                if (SipSyntax.TryParseDigits(value, 255, out _, out var tooMany))
                {
                    return SipRejectReason.None;
                }

                return tooMany ? SipRejectReason.ValueOutOfRange : SipRejectReason.MalformedHeaderValue;
            case HeaderId.ContentLength:
                if (!SipSyntax.TryParseDigits(value, int.MaxValue, out var length, out _))
                {
                    return SipRejectReason.InvalidContentLength; // RFC 4475 ncl
                }

                contentLength = (int)length;
                return SipRejectReason.None;
            default:
                return SipRejectReason.None;
        }
    }

    private static SipRejectReason ValidateCSeq(ReadOnlySpan<byte> value, string? method, bool checkMethod)
    {
        var space = value.IndexOfAny(SipCharacters.Lws);
        if (space <= 0)
        {
            return SipRejectReason.MalformedHeaderValue;
        }

        if (!SipSyntax.TryParseDigits(value[..space], SipCSeq.MaxNumber, out _, out var overflow))
        {
            return overflow ? SipRejectReason.ValueOutOfRange : SipRejectReason.MalformedHeaderValue; // RFC 4475 scalar02, scalarlg
        }

        var cseqMethod = SipSyntax.TrimLws(value[space..]);
        if (!SipCharacters.IsToken(cseqMethod))
        {
            return SipRejectReason.MalformedHeaderValue;
        }

        return checkMethod && !Ascii.Equals(cseqMethod, method!) ? SipRejectReason.CSeqMethodMismatch : SipRejectReason.None;
    }

    /// <summary>Rejects a request, building <see cref="SipParseResult.Salvage"/> from its Via/From/To/Call-ID/CSeq lines
    /// when the top Via's sent-by is usable (RFC 3261 §8.2.6.2, §18.2.2).</summary>
    private static SipParseResult Reject(ReadOnlyMemory<byte> data, int headerStart, SipLimits limits, SipRejectReason reason, HeaderId header,
        bool isRequest, string? method, SipUri? uri)
    {
        var salvage = isRequest ? BuildSalvage(data, headerStart, limits, method, uri) : null;
        return SipParseResult.Rejected(reason, header, salvage);
    }

    private static SipRequest? BuildSalvage(ReadOnlyMemory<byte> data, int headerStart, SipLimits limits, string? method, SipUri? uri)
    {
        var span = data.Span;
        var reader = new HeaderLineReader(span, headerStart);
        var headers = new SipHeaderCollection(8);
        var seen = Seen.None;
        var lines = 0;
        while (lines++ < limits.MaxHeaderCount && reader.Position - headerStart <= limits.MaxHeaderSectionBytes)
        {
            var status = reader.Next(out var name, out var valueStart, out var valueEnd, out var folded);
            if (status == HeaderLineStatus.Bad)
            {
                continue;
            }

            if (status != HeaderLineStatus.Header)
            {
                break;
            }

            var id = KnownHeaders.Lookup(name);
            if (id is not (HeaderId.Via or HeaderId.From or HeaderId.To or HeaderId.CallId or HeaderId.CSeq))
            {
                continue;
            }

            var value = HeaderValues.Extract(data, valueStart, valueEnd, folded);
            if (id != HeaderId.Via)
            {
                var flag = SingletonFlag(id);
                if ((seen & flag) == 0)
                {
                    seen |= flag;
                    headers.Add(new SipHeader(id, value));
                }

                continue;
            }

            var valueSpan = value.Span;
            var position = 0;
            while (HeaderValues.NextElement(valueSpan, ref position, out var elementStart, out var elementEnd) && headers.Count < limits.MaxViaCount + 4)
            {
                if (elementEnd > elementStart)
                {
                    headers.Add(new SipHeader(HeaderId.Via, value[elementStart..elementEnd]));
                }
            }
        }

        if (!headers.TryGetFirst(HeaderId.Via, out var topVia) || ViaSyntax.Scan(topVia.RawValue.Span, out _) == ViaScanResult.Unusable)
        {
            return null;
        }

        return new SipRequest(method ?? PlaceholderMethod, uri ?? new SipUri("sip", null, "invalid.invalid"), headers);
    }
}
