namespace Lyrebird.Core.Calls;

/// <summary>
/// The hook for recording requests made during a call: snom phones' Record key sends an in-dialog INFO carrying a
/// <c>Record: on</c> / <c>Record: off</c> header. Such an INFO is not relayed to the other party; the call asks this
/// hook and answers the INFO with what it returns.
/// </summary>
/// <remarks>
/// The shipped implementation is a placeholder, <see cref="RecordingNotAvailable"/>, which answers
/// <c>501 Recording Not Available</c>; the recording issue replaces it with the real on-demand recorder. Called on the
/// call's serialised mailbox: it must not block.
/// </remarks>
public interface ICallRecordingControl
{
    /// <param name="call">The call the INFO belongs to.</param>
    /// <param name="party">Who pressed the key.</param>
    /// <param name="recordHeader">The Record header value as received (e.g. <c>on</c>).</param>
    RecordingControlResponse OnRecordRequest(Call call, CallParty party, string recordHeader);
}
