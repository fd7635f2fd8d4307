namespace Lyrebird.Core.Calls;

/// <summary>
/// Which conversation a recorder call records (RECORDING.md §2, "linking"): the INVITE does not say, so when the caller
/// has exactly one other call in progress through Lyrebird it is that call, and its remote party is the recording's
/// callee. Otherwise the recording stays unlinked and <see cref="Note"/> says why.
/// </summary>
/// <param name="CallId">The linked call's caller-leg Call-ID (how catalogue rows of calls are grouped), or null.</param>
/// <param name="RemoteExtension">The linked call's other party, or null.</param>
/// <param name="Note">"linked to call … with …", or "unlinked: …".</param>
public sealed record RecorderLink(string? CallId, string? RemoteExtension, string Note);
