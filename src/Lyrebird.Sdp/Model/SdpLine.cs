namespace Lyrebird.Sdp.Model;

/// <summary>A line of a type this model has no field for (e.g. a future or private letter). Kept and written back.</summary>
public sealed record SdpLine(char Type, string Value);
