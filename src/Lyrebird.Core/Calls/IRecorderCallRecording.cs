namespace Lyrebird.Core.Calls;

/// <summary>
/// The recording side of recorder calls (RECORDING.md §2): opens one mono segment owned by the caller when Lyrebird
/// answers, and finishes it when the call ends. Implemented by the recording controller; when the call manager has
/// none, recorder calls are refused with 503.
/// </summary>
/// <remarks>Called on the recorder call's mailbox. <see cref="Start"/> creates the file and catalogue row before it
/// returns (so the 200 is truthful) and taps <see cref="RecorderCall.MediaSession"/>.</remarks>
public interface IRecorderCallRecording
{
    /// <summary>Opens the segment; null on success, or why it could not start.</summary>
    string? Start(RecorderCall call);

    /// <summary>Finishes the segment (idempotent): the tap is removed at once, the file is completed asynchronously.</summary>
    Task StopAsync(RecorderCall call);
}
