namespace Lyrebird.Media.Recording;

/// <summary>Outcome of <see cref="WavFile.Repair"/>.</summary>
/// <param name="Outcome">What was done.</param>
/// <param name="Info">The file as it is after the repair; null when it is not a WAV file.</param>
/// <param name="TruncatedBytes">Bytes of a trailing partial frame that were cut off.</param>
public sealed record WavRepairResult(WavRepairOutcome Outcome, WavInfo? Info, long TruncatedBytes);
