namespace Lyrebird.Media.Recording;

/// <summary>What <see cref="WavFile.TryReadInfo(Stream, out WavInfo)"/> found in a RIFF/WAVE file.</summary>
/// <param name="SampleRate">Frames per second.</param>
/// <param name="Channels">Interleaved channels.</param>
/// <param name="BitsPerSample">Bits per sample (16 for the files Lyrebird writes).</param>
/// <param name="DataOffset">Where the sample data starts.</param>
/// <param name="DeclaredRiffSize">The RIFF chunk size in the header.</param>
/// <param name="DeclaredDataBytes">The data chunk size in the header.</param>
/// <param name="DataBytes">Whole frames of data really present: the declared size, or less if the file is
/// shorter (a crash after the last checkpoint can also leave more data than declared; <see cref="WavFile.Repair"/>
/// counts that too).</param>
/// <param name="FileLength">The file's length.</param>
public sealed record WavInfo(
    int SampleRate,
    int Channels,
    int BitsPerSample,
    long DataOffset,
    uint DeclaredRiffSize,
    uint DeclaredDataBytes,
    long DataBytes,
    long FileLength)
{
    public int BlockAlign => Channels * BitsPerSample / 8;

    public long Frames => DataBytes / BlockAlign;

    public TimeSpan Duration => TimeSpan.FromSeconds((double)Frames / SampleRate);

    /// <summary>True when both header sizes agree with the file's length (a completed or repaired file whose data
    /// chunk is the last chunk).</summary>
    public bool SizesMatchFile =>
        DeclaredRiffSize == FileLength - 8 && DeclaredDataBytes == FileLength - DataOffset;
}
