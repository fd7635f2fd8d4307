namespace Lyrebird.Core.Calls;

/// <summary>The states of a <see cref="Call"/> (see the diagram in its documentation).</summary>
public enum CallState : byte
{
    /// <summary>The caller's INVITE was accepted (100 Trying sent); INVITEs went out to the callee's contacts.</summary>
    Trying,

    /// <summary>A callee branch sent 180/183; the caller has an early dialog with us.</summary>
    Ringing,

    /// <summary>A branch answered 2xx; both dialogs confirmed, media flowing through the relay.</summary>
    Connected,

    /// <summary>The call is ending: BYEs or CANCELs are out, the caller has its final response; waiting for the last
    /// transactions of the call to finish.</summary>
    Terminating,

    /// <summary>Everything released: dialogs removed, media ports returned, timers disposed.</summary>
    Terminated,
}
