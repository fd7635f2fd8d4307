using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Lyrebird.Media.Recording;

/// <summary>
/// Writes a RIFF/WAVE file of 16-bit PCM, crash-safe: the 44-byte header is written first and always describes the
/// data already on the stream, so a process killed at any moment leaves a playable file.
/// </summary>
/// <remarks>
/// <para>Flush policy: samples are collected in one buffer (64 KiB by default) and written to the stream in one call
/// when the buffer is full or at <see cref="Checkpoint"/>. A checkpoint writes the buffer and then patches the RIFF
/// and data sizes in the header to the length now on the stream; the owner calls it at least once per second of
/// audio (<see cref="RecordingSession"/> does so every <see cref="CallRecorderOptions.CheckpointInterval"/>), so a
/// crash loses at most the audio written since the last checkpoint. Nothing is fsync'ed except at
/// <see cref="Complete"/>: a killed process loses nothing the kernel already has; only a power loss can lose
/// more.</para>
/// <para>Errors: any exception of the stream (an <see cref="IOException"/> when the disk is full) propagates out of
/// <see cref="Write(ReadOnlySpan{short})"/>, <see cref="Checkpoint"/> or <see cref="Complete"/>; after one, the
/// writer is <see cref="Faulted"/> and ignores further writes. A file can hold at most 4 GiB of data; writing past
/// that throws <see cref="IOException"/> too.</para>
/// <para>Not thread safe: one writer thread at a time.</para>
/// </remarks>
public sealed class WavWriter : IDisposable
{
    /// <summary>Size of the canonical header this writer produces; the data starts here.</summary>
    public const int HeaderSize = 44;

    /// <summary>Largest data chunk a RIFF file can describe (its sizes are 32-bit).</summary>
    public const long MaxDataBytes = uint.MaxValue - (HeaderSize - 8);

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly byte[] _buffer;
    private readonly int _blockAlign;
    private int _buffered;
    private long _dataOnStream;
    private bool _disposed;

    public WavWriter(Stream stream, int sampleRate, int channels, int bufferSize = 64 * 1024, bool ownsStream = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 8);
        if (!stream.CanSeek || !stream.CanWrite)
        {
            throw new ArgumentException("The stream must be writable and seekable.", nameof(stream));
        }

        _stream = stream;
        _ownsStream = ownsStream;
        SampleRate = sampleRate;
        Channels = channels;
        _blockAlign = channels * 2;
        _buffer = GC.AllocateUninitializedArray<byte>(Math.Max(bufferSize - (bufferSize % _blockAlign), _blockAlign * 64));
        WriteHeader(0);
    }

    /// <summary>Creates (or overwrites) a file and writes the header. The file is opened unbuffered: this writer
    /// buffers itself.</summary>
    public static WavWriter Create(string path, int sampleRate, int channels, int bufferSize = 64 * 1024)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        try
        {
            return new WavWriter(stream, sampleRate, channels, bufferSize);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public int SampleRate { get; }

    public int Channels { get; }

    /// <summary>Bytes of sample data accepted so far (buffered or on the stream).</summary>
    public long DataBytes => _dataOnStream + _buffered;

    /// <summary>Frames (one sample per channel) accepted so far.</summary>
    public long Frames => DataBytes / _blockAlign;

    /// <summary>Bytes of sample data the header on the stream currently describes.</summary>
    public long CheckpointedDataBytes { get; private set; }

    /// <summary>Set once a stream operation failed; further writes are ignored.</summary>
    public bool Faulted { get; private set; }

    /// <summary>Appends interleaved samples (a whole number of frames).</summary>
    public void Write(ReadOnlySpan<short> interleaved)
    {
        if (Faulted || _disposed)
        {
            return;
        }

        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(interleaved);
        if (DataBytes + bytes.Length > MaxDataBytes)
        {
            Faulted = true;
            throw new IOException("The WAV file reached its 4 GiB size limit.");
        }

        while (!bytes.IsEmpty)
        {
            int n = Math.Min(bytes.Length, _buffer.Length - _buffered);
            Span<byte> target = _buffer.AsSpan(_buffered, n);
            bytes[..n].CopyTo(target);
            if (!BitConverter.IsLittleEndian)
            {
                Span<short> samples = MemoryMarshal.Cast<byte, short>(target);
                BinaryPrimitives.ReverseEndianness(samples, samples);
            }

            _buffered += n;
            bytes = bytes[n..];
            if (_buffered == _buffer.Length)
            {
                FlushBuffer();
            }
        }
    }

    /// <summary>Appends <paramref name="frames"/> frames of silence.</summary>
    public void WriteSilence(long frames)
    {
        if (Faulted || _disposed)
        {
            return;
        }

        long bytes = frames * _blockAlign;
        if (DataBytes + bytes > MaxDataBytes)
        {
            Faulted = true;
            throw new IOException("The WAV file reached its 4 GiB size limit.");
        }

        while (bytes > 0)
        {
            int n = (int)Math.Min(bytes, _buffer.Length - _buffered);
            _buffer.AsSpan(_buffered, n).Clear();
            _buffered += n;
            bytes -= n;
            if (_buffered == _buffer.Length)
            {
                FlushBuffer();
            }
        }
    }

    /// <summary>Writes the buffered samples and patches the header sizes to match (the crash-safety point).</summary>
    public void Checkpoint()
    {
        if (Faulted || _disposed)
        {
            return;
        }

        FlushBuffer();
        if (CheckpointedDataBytes != _dataOnStream)
        {
            try
            {
                WriteHeader(_dataOnStream);
            }
            catch
            {
                Faulted = true;
                throw;
            }
        }
    }

    /// <summary>Cuts the data back to <paramref name="frames"/> frames (no-op if there are fewer) and patches the
    /// header.</summary>
    public void Truncate(long frames)
    {
        long bytes = frames * _blockAlign;
        if (Faulted || _disposed || bytes >= DataBytes)
        {
            return;
        }

        try
        {
            if (bytes >= _dataOnStream)
            {
                _buffered = (int)(bytes - _dataOnStream);
            }
            else
            {
                _buffered = 0;
                _stream.SetLength(HeaderSize + bytes);
                _dataOnStream = bytes;
            }

            Checkpoint();
        }
        catch
        {
            Faulted = true;
            throw;
        }
    }

    /// <summary>Checkpoints, flushes the file to the disk (fsync for a <see cref="FileStream"/>) and closes it.</summary>
    public void Complete()
    {
        Checkpoint();
        if (!Faulted && !_disposed)
        {
            try
            {
                if (_stream is FileStream file)
                {
                    file.Flush(flushToDisk: true);
                }
                else
                {
                    _stream.Flush();
                }
            }
            catch
            {
                Faulted = true;
                Dispose();
                throw;
            }
        }

        Dispose();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsStream)
        {
            try
            {
                _stream.Dispose();
            }
            catch (IOException)
            {
                // A FileStream disposes without a buffer of its own (bufferSize 0): nothing is lost here.
                Faulted = true;
            }
        }
    }

    private void FlushBuffer()
    {
        if (_buffered == 0)
        {
            return;
        }

        try
        {
            _stream.Position = HeaderSize + _dataOnStream;
            _stream.Write(_buffer, 0, _buffered);
        }
        catch
        {
            Faulted = true;
            throw;
        }

        _dataOnStream += _buffered;
        _buffered = 0;
    }

    private void WriteHeader(long dataBytes)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        WavFile.FormatHeader(header, SampleRate, Channels, (uint)dataBytes);
        _stream.Position = 0;
        _stream.Write(header);
        _stream.Flush();
        CheckpointedDataBytes = dataBytes;
    }
}
