namespace Lyrebird.Media.Recording;

/// <summary>Notes from the writer thread, for the owner to log (Lyrebird.Media does no logging of its own).
/// Called on a writer thread: implementations must be quick and must not throw.</summary>
public interface IRecordingObserver
{
    /// <summary>The first packet with a payload type outside the stream's map; later ones are only counted.</summary>
    void UnknownPayloadType(RecordingSession session, RecordingParty party, int payloadType);

    /// <summary>The session stopped writing (disk full, write error); its result will say Failed.</summary>
    void Failed(RecordingSession session, string reason, Exception? exception);
}
