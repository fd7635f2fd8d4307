namespace Lyrebird.Core.Calls;

/// <summary>
/// The call's recording hooks. snom phones' Record key sends an in-dialog INFO carrying a <c>Record: on</c> /
/// <c>Record: off</c> header; such an INFO is never relayed to the other party: the call asks this hook and answers the
/// INFO with what it returns. The hook also hears when a call is answered (a user whose policy is "always" is recorded
/// from then on) and when it ends (an open segment is closed at the hang-up).
/// </summary>
/// <remarks>
/// Called on the call's serialised mailbox, so calls for one call never overlap; must not block for long (a segment's
/// file and catalogue row are created synchronously, which is what makes a 200 truthful; finishing a segment is
/// awaited asynchronously). <see cref="RecordingNotAvailable"/> answers 501 where no recorder is configured.
/// </remarks>
public interface ICallRecordingControl
{
    /// <param name="call">The call the INFO belongs to.</param>
    /// <param name="party">Who pressed the key.</param>
    /// <param name="recordHeader">The Record header value as received, trimmed (e.g. <c>on</c>).</param>
    ValueTask<RecordingControlResponse> OnRecordRequestAsync(Call call, CallParty party, string recordHeader);

    /// <summary>The call was answered; media flows through the relay from now on.</summary>
    void OnConnected(Call call);

    /// <summary>The call is ending; its media session is released right after this returns.</summary>
    void OnEnded(Call call);
}
