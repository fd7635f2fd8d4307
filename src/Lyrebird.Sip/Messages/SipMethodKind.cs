namespace Lyrebird.Sip.Messages;

/// <summary>Methods the stack knows by name. <see cref="Unknown"/> is any other token (still a valid request).</summary>
public enum SipMethodKind : byte
{
    Unknown = 0,
    Invite,
    Ack,
    Bye,
    Cancel,
    Options,
    Register,
    Info,
    Update,
    Prack,
    Subscribe,
    Notify,
    Refer,
    Message,
    Publish,
}
