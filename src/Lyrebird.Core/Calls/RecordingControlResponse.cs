namespace Lyrebird.Core.Calls;

/// <summary>What to answer a recording request (an INFO with a Record header) with.</summary>
public readonly record struct RecordingControlResponse(int StatusCode, string ReasonPhrase);
