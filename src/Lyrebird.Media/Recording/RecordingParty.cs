namespace Lyrebird.Media.Recording;

/// <summary>Which party sent a tapped packet. Stereo files put the caller in channel 1 and the callee in channel 2;
/// mono files (recorder URI) record the caller only.</summary>
public enum RecordingParty
{
    Caller,
    Callee,
}
