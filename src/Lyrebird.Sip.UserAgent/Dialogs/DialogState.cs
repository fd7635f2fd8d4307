namespace Lyrebird.Sip.UserAgent.Dialogs;

/// <summary>RFC 3261 §12: a dialog created by a provisional response is early; a 2xx confirms it; BYE (or a failure)
/// terminates it.</summary>
public enum DialogState : byte
{
    Early,
    Confirmed,
    Terminated,
}
