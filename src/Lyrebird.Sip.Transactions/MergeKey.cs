namespace Lyrebird.Sip.Transactions;

/// <summary>From tag, Call-ID and CSeq of a request without To tag: two different transactions with the same values are
/// a merged request (RFC 3261 §8.2.2.2), e.g. one request that reached us twice through a forking proxy.</summary>
internal readonly record struct MergeKey(string? FromTag, string? CallId, uint CSeqNumber, string CSeqMethod);
