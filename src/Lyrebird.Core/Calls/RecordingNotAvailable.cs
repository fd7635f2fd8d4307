namespace Lyrebird.Core.Calls;

/// <summary>Placeholder <see cref="ICallRecordingControl"/> until recording exists: every request gets
/// <c>501 Recording Not Available</c>.</summary>
public sealed class RecordingNotAvailable : ICallRecordingControl
{
    public static RecordingNotAvailable Instance { get; } = new();

    public RecordingControlResponse OnRecordRequest(Call call, CallParty party, string recordHeader) => new(501, "Recording Not Available");
}
