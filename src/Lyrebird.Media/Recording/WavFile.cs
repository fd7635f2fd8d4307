using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Lyrebird.Media.Recording;

/// <summary>Reads, repairs and hashes RIFF/WAVE PCM files (the ones <see cref="WavWriter"/> writes, and other
/// simple PCM WAV files).</summary>
public static class WavFile
{
    private const ushort FormatPcm = 1;
    private const ushort FormatExtensible = 0xFFFE;

    /// <summary>Writes the canonical 44-byte header of a 16-bit PCM file holding <paramref name="dataBytes"/>.</summary>
    public static void FormatHeader(Span<byte> header, int sampleRate, int channels, uint dataBytes)
    {
        int blockAlign = channels * 2;
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], dataBytes + (WavWriter.HeaderSize - 8));
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], FormatPcm);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], (uint)(sampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], dataBytes);
    }

    /// <summary>Reads the header of a PCM WAV file; false (no exception) when the bytes are not one.</summary>
    public static bool TryReadInfo(Stream stream, out WavInfo info)
    {
        ArgumentNullException.ThrowIfNull(stream);
        info = null!;
        long length = stream.Length;
        Span<byte> head = stackalloc byte[12];
        stream.Position = 0;
        if (!ReadExactly(stream, head) || !head[..4].SequenceEqual("RIFF"u8) || !head[8..12].SequenceEqual("WAVE"u8))
        {
            return false;
        }

        uint riffSize = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
        int channels = 0, sampleRate = 0, bits = 0;
        bool haveFormat = false;
        long position = 12;
        Span<byte> chunk = stackalloc byte[8];
        Span<byte> format = stackalloc byte[16];
        while (position + 8 <= length)
        {
            stream.Position = position;
            if (!ReadExactly(stream, chunk))
            {
                return false;
            }

            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            long body = position + 8;
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                if (size < 16 || !ReadExactly(stream, format))
                {
                    return false;
                }

                ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(format);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(format[2..]);
                sampleRate = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(format[4..]), int.MaxValue);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(format[14..]);
                haveFormat = (tag == FormatPcm || tag == FormatExtensible) && channels > 0 && sampleRate > 0 &&
                             bits is 8 or 16 or 24 or 32;
                if (!haveFormat)
                {
                    return false;
                }
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                if (!haveFormat)
                {
                    return false;
                }

                int blockAlign = channels * bits / 8;
                long available = length - body;
                long present = Math.Min(size, available);
                present -= present % blockAlign;
                info = new WavInfo(sampleRate, channels, bits, body, riffSize, size, present, length);
                return true;
            }

            position = body + size + (size & 1);
        }

        return false;
    }

    /// <summary>Reads the header of a file; null when it is not a PCM WAV file.</summary>
    public static WavInfo? ReadInfo(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return TryReadInfo(stream, out WavInfo info) ? info : null;
    }

    /// <summary>Reads the 16-bit samples (interleaved) of the whole frames present in a file. Works while a writer
    /// still has the file open.</summary>
    /// <exception cref="InvalidDataException">The file is not a 16-bit PCM WAV file.</exception>
    public static short[] ReadSamples(string path, out WavInfo info)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (!TryReadInfo(stream, out info) || info.BitsPerSample != 16)
        {
            throw new InvalidDataException($"{path} is not a 16-bit PCM WAV file.");
        }

        var samples = new short[info.DataBytes / 2];
        stream.Position = info.DataOffset;
        Span<byte> bytes = MemoryMarshal.AsBytes(samples.AsSpan());
        stream.ReadExactly(bytes);
        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(samples, samples);
        }

        return samples;
    }

    /// <summary>
    /// Makes a file left behind by a crash exact: the data size becomes everything after the data chunk's header,
    /// cut down to whole frames (the partial frame is truncated), and the RIFF size follows. Meant for files written
    /// by <see cref="WavWriter"/>, whose data chunk is always the last chunk (a chunk after the data would be taken
    /// for samples). Files whose sizes already match are left alone. Used at start-up for recordings left in the
    /// "recording" state.
    /// </summary>
    public static WavRepairResult Repair(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        if (!TryReadInfo(stream, out WavInfo info))
        {
            return new WavRepairResult(WavRepairOutcome.NotWav, null, 0);
        }

        long tail = stream.Length - info.DataOffset;
        if (info.SizesMatchFile)
        {
            return new WavRepairResult(WavRepairOutcome.AlreadyValid, info, 0);
        }

        long dataBytes = Math.Min(tail, WavWriter.MaxDataBytes);
        dataBytes -= dataBytes % info.BlockAlign;
        long truncated = stream.Length - (info.DataOffset + dataBytes);
        stream.SetLength(info.DataOffset + dataBytes);

        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)(stream.Length - 8));
        stream.Position = 4;
        stream.Write(size);
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)dataBytes);
        stream.Position = info.DataOffset - 4;
        stream.Write(size);
        stream.Flush(flushToDisk: true);

        TryReadInfo(stream, out WavInfo repaired);
        return new WavRepairResult(WavRepairOutcome.Repaired, repaired, truncated);
    }

    /// <summary>SHA-256 of a whole file, read in a stream (constant memory).</summary>
    public static async Task<byte[]> ComputeSha256Async(string path, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            return await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool ReadExactly(Stream stream, Span<byte> buffer) => stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;
}
