namespace Lyrebird.Media.Recording;

public enum RecordingStatus
{
    /// <summary>Writing.</summary>
    Recording,

    /// <summary>Stopped normally: the file is complete and exact.</summary>
    Completed,

    /// <summary>Stopped by an error (see the reason); the file holds what was written before it, with a valid header
    /// when the error allowed one.</summary>
    Failed,
}
