namespace Lyrebird.Sip.UserAgent.Dialogs;

/// <summary>Outcome of <see cref="Dialog.CheckInboundRequest"/>.</summary>
public enum DialogRequestCheck : byte
{
    /// <summary>In order: process it.</summary>
    Accepted,

    /// <summary>CSeq lower than the remote sequence number (§12.2.2): answer 500.</summary>
    OutOfOrder,
}
