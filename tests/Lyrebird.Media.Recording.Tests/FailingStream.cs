namespace Lyrebird.Media.Recording.Tests;

/// <summary>A seekable in-memory stream that throws "disk full" once more than a given number of bytes would be
/// stored.</summary>
internal sealed class FailingStream(long failAfterBytes) : MemoryStream
{
    public override void Write(byte[] buffer, int offset, int count)
    {
        if (Position + count > failAfterBytes)
        {
            throw new IOException("No space left on device");
        }

        base.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);
}
