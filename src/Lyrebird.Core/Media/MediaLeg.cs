namespace Lyrebird.Core.Media;

/// <summary>The two sides of an anchored call: <see cref="A"/> faces the caller, <see cref="B"/> the callee.</summary>
public enum MediaLeg : byte
{
    A = 0,
    B = 1,
}
