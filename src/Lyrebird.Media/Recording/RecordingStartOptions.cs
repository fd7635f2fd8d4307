namespace Lyrebird.Media.Recording;

/// <summary>What <see cref="CallRecorder.Start"/> needs to open one segment.</summary>
public sealed class RecordingStartOptions
{
    /// <summary>The WAV file to create (overwritten if it exists).</summary>
    public required string Path { get; init; }

    /// <summary>2 for a call (caller in channel 1, callee in channel 2), 1 for a recorder-URI call (caller only).</summary>
    public int Channels { get; init; } = 2;

    /// <summary>8000 for G.711 calls, 16000 for G.722 calls.</summary>
    public int SampleRate { get; init; } = 8000;

    /// <summary>Payload types of the caller's stream.</summary>
    public required RecordingPayloadMap CallerPayloads { get; init; }

    /// <summary>Payload types of the callee's stream (stereo only; defaults to <see cref="CallerPayloads"/>).</summary>
    public RecordingPayloadMap? CalleePayloads { get; init; }

    /// <summary>When the recording starts (frame 0), in the relay's clock: the <see cref="TimeProvider"/> timestamps
    /// that the tap's arrival times also use.</summary>
    public required long StartTimestamp { get; init; }
}
