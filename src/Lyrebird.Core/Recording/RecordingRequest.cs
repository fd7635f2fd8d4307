using Lyrebird.Media.Recording;

namespace Lyrebird.Core.Recording;

/// <summary>What <see cref="RecordingService.Start"/> needs to open one segment.</summary>
public sealed record RecordingRequest
{
    public required string CallId { get; init; }

    public required RecordingMode Mode { get; init; }

    public required string Owner { get; init; }

    public required RecordedParty Caller { get; init; }

    public RecordedParty? Callee { get; init; }

    /// <summary>"PCMU", "PCMA" or "G722": the codec the call negotiated (names the file's format in the catalogue).</summary>
    public required string Codec { get; init; }

    /// <summary>2 for a call, 1 for a recorder-URI call.</summary>
    public int Channels { get; init; } = 2;

    public required RecordingPayloadMap CallerPayloads { get; init; }

    public RecordingPayloadMap? CalleePayloads { get; init; }

    /// <summary>The relay clock's timestamp (<see cref="TimeProvider.GetTimestamp"/>) at which the segment starts.</summary>
    public required long StartTimestamp { get; init; }

    public string? LinkNote { get; init; }

    public RecordedParty? LinkedCallee { get; init; }

    /// <summary>16000 for G.722, 8000 for G.711.</summary>
    public int SampleRate => Codec.Equals("G722", StringComparison.OrdinalIgnoreCase) ? 16_000 : 8_000;
}
