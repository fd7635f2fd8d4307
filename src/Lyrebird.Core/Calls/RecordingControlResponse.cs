namespace Lyrebird.Core.Calls;

/// <summary>What to answer a recording request (an INFO with a Record header) with.</summary>
/// <param name="StatusCode">The SIP status.</param>
/// <param name="ReasonPhrase">The reason phrase.</param>
/// <param name="Warning">Text for a <c>Warning: 399 lyrebird "…"</c> header explaining a refusal, or null.</param>
public readonly record struct RecordingControlResponse(int StatusCode, string ReasonPhrase, string? Warning = null);
