namespace Lyrebird.Core.Calls;

/// <summary><see cref="ICallRecordingControl"/> for a PBX without a recorder (tests of call control alone): every
/// request gets <c>501 Recording Not Available</c>.</summary>
public sealed class RecordingNotAvailable : ICallRecordingControl
{
    public static RecordingNotAvailable Instance { get; } = new();

    public ValueTask<RecordingControlResponse> OnRecordRequestAsync(Call call, CallParty party, string recordHeader) =>
        ValueTask.FromResult(new RecordingControlResponse(501, "Recording Not Available", "No recorder is configured on this PBX"));

    public void OnConnected(Call call)
    {
    }

    public void OnEnded(Call call)
    {
    }
}
