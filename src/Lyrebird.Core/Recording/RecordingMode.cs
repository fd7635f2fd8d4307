namespace Lyrebird.Core.Recording;

/// <summary>How a recording came about. Persisted as its numeric value: never renumber.</summary>
public enum RecordingMode
{
    /// <summary>The phone's Record key: in-dialog INFO with Record: on … Record: off.</summary>
    OnDemand = 0,

    /// <summary>The user's policy is "always": recorded from the answer to the hang-up.</summary>
    Always = 1,

    /// <summary>A call to the recording-account URI (the phone streams its local conference mix).</summary>
    Recorder = 2,
}

/// <summary>Where a recording is in its life. Persisted as its numeric value: never renumber.</summary>
public enum RecordingState
{
    /// <summary>Being written now (or the server stopped while writing: repaired at start-up).</summary>
    Recording = 0,

    /// <summary>Finished normally; size and SHA-256 are final.</summary>
    Completed = 1,

    /// <summary>Could not be written (disk full, write error); the reason is kept and what was written is kept.</summary>
    Failed = 2,

    /// <summary>The server stopped while writing; the file was repaired at the next start-up.</summary>
    Interrupted = 3,
}

public static class RecordingNames
{
    public static string ToName(this RecordingMode mode) => mode switch
    {
        RecordingMode.Always => "always",
        RecordingMode.Recorder => "recorder",
        _ => "on-demand",
    };

    public static string ToName(this RecordingState state) => state switch
    {
        RecordingState.Completed => "completed",
        RecordingState.Failed => "failed",
        RecordingState.Interrupted => "interrupted",
        _ => "recording",
    };
}
