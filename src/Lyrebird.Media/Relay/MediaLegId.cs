namespace Lyrebird.Media.Relay;

/// <summary>The two legs of a <see cref="MediaSession"/>: A faces the caller, B the callee (by convention).</summary>
public enum MediaLegId
{
    A,
    B,
}
