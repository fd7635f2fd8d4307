using Lyrebird.Core.Media;

namespace Lyrebird.Core.Calls;

/// <summary>What a dialog in the <see cref="CallManager"/>'s dialog table belongs to: a call and the leg it is on.</summary>
public readonly record struct CallLegRef(Call Call, MediaLeg Leg);
