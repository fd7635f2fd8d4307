namespace Lyrebird.Media.Recording;

public enum WavRepairOutcome
{
    /// <summary>The header already described the file exactly.</summary>
    AlreadyValid,

    /// <summary>The header sizes were rewritten from the file's length (and a partial frame cut off).</summary>
    Repaired,

    /// <summary>No RIFF/WAVE header with a PCM format and a data chunk: left untouched.</summary>
    NotWav,
}
