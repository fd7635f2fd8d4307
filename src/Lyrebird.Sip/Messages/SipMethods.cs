namespace Lyrebird.Sip.Messages;

/// <summary>Method names (RFC 3261 §7.1 and extensions), interned so that known methods cost no allocation.</summary>
public static class SipMethods
{
    public const string Invite = "INVITE";
    public const string Ack = "ACK";
    public const string Bye = "BYE";
    public const string Cancel = "CANCEL";
    public const string Options = "OPTIONS";
    public const string Register = "REGISTER";
    public const string Info = "INFO";
    public const string Update = "UPDATE";
    public const string Prack = "PRACK";
    public const string Subscribe = "SUBSCRIBE";
    public const string Notify = "NOTIFY";
    public const string Refer = "REFER";
    public const string Message = "MESSAGE";
    public const string Publish = "PUBLISH";

    private static readonly string[] Known = [Invite, Ack, Bye, Cancel, Options, Register, Info, Update, Prack, Subscribe, Notify, Refer, Message, Publish];

    /// <summary>Returns the interned instance for a known method (method names are case-sensitive), else the input.</summary>
    public static string Intern(string method)
    {
        foreach (var known in Known)
        {
            if (string.Equals(known, method, StringComparison.Ordinal))
            {
                return known;
            }
        }

        return method;
    }

    /// <summary>Returns the interned name of a known method given as ASCII bytes, or null.</summary>
    public static string? TryGetKnown(ReadOnlySpan<byte> method)
    {
        foreach (var known in Known)
        {
            if (method.Length == known.Length && System.Text.Ascii.Equals(method, known))
            {
                return known;
            }
        }

        return null;
    }

    public static SipMethodKind KindOf(string method) => method switch
    {
        Invite => SipMethodKind.Invite,
        Ack => SipMethodKind.Ack,
        Bye => SipMethodKind.Bye,
        Cancel => SipMethodKind.Cancel,
        Options => SipMethodKind.Options,
        Register => SipMethodKind.Register,
        Info => SipMethodKind.Info,
        Update => SipMethodKind.Update,
        Prack => SipMethodKind.Prack,
        Subscribe => SipMethodKind.Subscribe,
        Notify => SipMethodKind.Notify,
        Refer => SipMethodKind.Refer,
        Message => SipMethodKind.Message,
        Publish => SipMethodKind.Publish,
        _ => SipMethodKind.Unknown,
    };
}
