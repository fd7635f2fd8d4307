using System.Text;

namespace Lyrebird.Sip.Headers;

/// <summary>Names, compact forms (RFC 3261 §7.3.3, §20) and list/singleton nature of the headers the stack knows.</summary>
public static class KnownHeaders
{
    /// <summary>How a header may occur.</summary>
    [Flags]
    public enum Kind : byte
    {
        None = 0,
        /// <summary>Comma-separated values may be combined on one line (RFC 3261 §7.3.1); the parser splits them.</summary>
        List = 1,
        /// <summary>At most one value per message (RFC 4475 multi01, mcl01).</summary>
        Singleton = 2,
    }

    private readonly record struct Entry(HeaderId Id, string Name, byte[] NameBytes, char Compact, Kind Kind);

    private static readonly Entry[] ById = Build();

    private const int MaxNameLength = 32;

    private readonly record struct Candidate(HeaderId Id, byte[] NameBytes);

    /// <summary>Long names bucketed by length and initial: index <c>length * 32 + (first byte &amp; 0x1F)</c>, which
    /// folds case. Most buckets hold one name; a non-letter initial lands in some bucket and fails the comparison.</summary>
    private static readonly Candidate[][] ByLengthAndInitial = BuildByLengthAndInitial();

    private static readonly HeaderId[] ByCompact = BuildByCompact();

    private static int BucketOf(ReadOnlySpan<byte> name) => (name.Length << 5) | (name[0] & 0x1F);

    private static Candidate[][] BuildByLengthAndInitial()
    {
        var table = new Candidate[(MaxNameLength + 1) << 5][];
        Array.Fill(table, []);
        foreach (var entry in ById.Where(e => e.Id != HeaderId.Unknown))
        {
            var bucket = BucketOf(entry.NameBytes);
            table[bucket] = [.. table[bucket], new Candidate(entry.Id, entry.NameBytes)];
        }

        return table;
    }

    private static HeaderId[] BuildByCompact()
    {
        var table = new HeaderId[128];
        foreach (var entry in ById)
        {
            if (entry.Compact != '\0')
            {
                table[entry.Compact] = entry.Id;
            }
        }

        return table;
    }

    private static Entry[] Build()
    {
        var e = new Entry[Enum.GetValues<HeaderId>().Length];
        void Add(HeaderId id, string name, char compact = '\0', Kind kind = Kind.None) =>
            e[(int)id] = new Entry(id, name, Encoding.ASCII.GetBytes(name), compact, kind);

        Add(HeaderId.Unknown, "");
        Add(HeaderId.Via, "Via", 'v', Kind.List);
        Add(HeaderId.From, "From", 'f', Kind.Singleton);
        Add(HeaderId.To, "To", 't', Kind.Singleton);
        Add(HeaderId.CallId, "Call-ID", 'i', Kind.Singleton);
        Add(HeaderId.CSeq, "CSeq", '\0', Kind.Singleton);
        Add(HeaderId.MaxForwards, "Max-Forwards", '\0', Kind.Singleton);
        Add(HeaderId.Contact, "Contact", 'm', Kind.List);
        Add(HeaderId.ContentLength, "Content-Length", 'l', Kind.Singleton);
        Add(HeaderId.ContentType, "Content-Type", 'c', Kind.Singleton);
        Add(HeaderId.ContentEncoding, "Content-Encoding", 'e', Kind.List);
        Add(HeaderId.ContentDisposition, "Content-Disposition", '\0', Kind.Singleton);
        Add(HeaderId.ContentLanguage, "Content-Language", '\0', Kind.List);
        Add(HeaderId.Route, "Route", '\0', Kind.List);
        Add(HeaderId.RecordRoute, "Record-Route", '\0', Kind.List);
        Add(HeaderId.Require, "Require", '\0', Kind.List);
        Add(HeaderId.ProxyRequire, "Proxy-Require", '\0', Kind.List);
        Add(HeaderId.Supported, "Supported", 'k', Kind.List);
        Add(HeaderId.Unsupported, "Unsupported", '\0', Kind.List);
        Add(HeaderId.Allow, "Allow", '\0', Kind.List);
        Add(HeaderId.Accept, "Accept", '\0', Kind.List);
        Add(HeaderId.AcceptEncoding, "Accept-Encoding", '\0', Kind.List);
        Add(HeaderId.AcceptLanguage, "Accept-Language", '\0', Kind.List);
        Add(HeaderId.Expires, "Expires", '\0', Kind.Singleton);
        Add(HeaderId.MinExpires, "Min-Expires", '\0', Kind.Singleton);
        Add(HeaderId.Authorization, "Authorization");
        Add(HeaderId.ProxyAuthorization, "Proxy-Authorization");
        Add(HeaderId.WwwAuthenticate, "WWW-Authenticate");
        Add(HeaderId.ProxyAuthenticate, "Proxy-Authenticate");
        Add(HeaderId.AuthenticationInfo, "Authentication-Info");
        Add(HeaderId.UserAgent, "User-Agent");
        Add(HeaderId.Server, "Server");
        Add(HeaderId.Date, "Date");
        Add(HeaderId.Subject, "Subject", 's');
        Add(HeaderId.Event, "Event", 'o');
        Add(HeaderId.AllowEvents, "Allow-Events", 'u', Kind.List);
        Add(HeaderId.ReferTo, "Refer-To", 'r');
        Add(HeaderId.ReferredBy, "Referred-By", 'b');
        Add(HeaderId.SessionExpires, "Session-Expires", 'x');
        Add(HeaderId.MinSe, "Min-SE");
        Add(HeaderId.Reason, "Reason", '\0', Kind.List);
        Add(HeaderId.Warning, "Warning", '\0', Kind.List);
        Add(HeaderId.RetryAfter, "Retry-After");
        Add(HeaderId.Timestamp, "Timestamp");
        Add(HeaderId.Organization, "Organization");
        Add(HeaderId.Priority, "Priority");
        Add(HeaderId.CallInfo, "Call-Info", '\0', Kind.List);
        Add(HeaderId.AlertInfo, "Alert-Info", '\0', Kind.List);
        Add(HeaderId.ErrorInfo, "Error-Info", '\0', Kind.List);
        Add(HeaderId.ReplyTo, "Reply-To");
        Add(HeaderId.InReplyTo, "In-Reply-To", '\0', Kind.List);
        Add(HeaderId.MimeVersion, "MIME-Version");
        Add(HeaderId.Path, "Path", '\0', Kind.List);
        Add(HeaderId.RSeq, "RSeq");
        Add(HeaderId.RAck, "RAck");
        Add(HeaderId.Replaces, "Replaces");
        Add(HeaderId.PAssertedIdentity, "P-Asserted-Identity", '\0', Kind.List);
        Add(HeaderId.PPreferredIdentity, "P-Preferred-Identity", '\0', Kind.List);
        Add(HeaderId.Privacy, "Privacy");
        Add(HeaderId.Record, "Record");
        Add(HeaderId.InfoPackage, "Info-Package");
        Add(HeaderId.RecvInfo, "Recv-Info", '\0', Kind.List);
        Add(HeaderId.SubscriptionState, "Subscription-State");
        return e;
    }

    /// <summary>The canonical (long) name, e.g. "Call-ID". Empty for <see cref="HeaderId.Unknown"/>.</summary>
    public static string NameOf(HeaderId id) => ById[(int)id].Name;

    /// <summary>The canonical name as ASCII bytes, for the writer.</summary>
    public static ReadOnlySpan<byte> NameBytesOf(HeaderId id) => ById[(int)id].NameBytes;

    public static Kind KindOf(HeaderId id) => ById[(int)id].Kind;

    /// <summary>Looks a header name up, case-insensitively, long or compact form. Unknown names give <see cref="HeaderId.Unknown"/>.</summary>
    public static HeaderId Lookup(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            var c = name[0] | 0x20;
            return c < ByCompact.Length ? ByCompact[c] : HeaderId.Unknown;
        }

        if (name.IsEmpty || name.Length > MaxNameLength)
        {
            return HeaderId.Unknown;
        }

        foreach (var candidate in ByLengthAndInitial[BucketOf(name)])
        {
            if (Ascii.EqualsIgnoreCase(candidate.NameBytes, name))
            {
                return candidate.Id;
            }
        }

        return HeaderId.Unknown;
    }

    /// <summary>Looks a header name up from a string (long or compact form).</summary>
    public static HeaderId Lookup(string name)
    {
        Span<byte> buffer = stackalloc byte[64];
        if (name.Length > buffer.Length || !Ascii.IsValid(name))
        {
            return HeaderId.Unknown;
        }

        var length = Encoding.ASCII.GetBytes(name, buffer);
        return Lookup(buffer[..length]);
    }
}
