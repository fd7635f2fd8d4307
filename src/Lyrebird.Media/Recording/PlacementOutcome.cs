namespace Lyrebird.Media.Recording;

/// <summary>What <see cref="RecordingTimeline.Place"/> did with a packet.</summary>
public enum PlacementOutcome
{
    Placed,
    Duplicate,
    Late,
    Invalid,
    UnknownPayloadType,
    IgnoredPayloadType,

    /// <summary>Beyond the part of the timeline held in memory (should not happen: such jumps re-anchor).</summary>
    TooFarAhead,
}
