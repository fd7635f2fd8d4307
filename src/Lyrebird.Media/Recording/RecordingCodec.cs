namespace Lyrebird.Media.Recording;

/// <summary>What the recorder does with an RTP payload type.</summary>
public enum RecordingCodec : byte
{
    /// <summary>Not negotiated: the packet is counted as an unknown payload type and ignored.</summary>
    Unknown = 0,

    /// <summary>G.711 µ-law (PT 0), 8 kHz.</summary>
    Pcmu,

    /// <summary>G.711 A-law (PT 8), 8 kHz.</summary>
    Pcma,

    /// <summary>G.722 64 kbit/s (PT 9), 16 kHz audio on an 8000 Hz RTP clock.</summary>
    G722,

    /// <summary>Known but not audio to record (telephone-event, comfort noise): ignored silently.</summary>
    Ignored,
}
