using System.Runtime.InteropServices;
using Lyrebird.Media.Recording;

namespace Lyrebird.Media.Recording.Tests;

public sealed class CodecTests
{
    private static short[] ReadRaw(string name)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", name));
        return MemoryMarshal.Cast<byte, short>(bytes).ToArray();
    }

    private static byte[] ReadBytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    [Fact]
    public void MuLaw_table_matches_sox_for_all_256_codes()
    {
        short[] expected = ReadRaw("pcmu.sox.raw");
        Assert.Equal(expected, G711.MuLawTable.ToArray());
    }

    [Fact]
    public void ALaw_table_matches_sox_for_all_256_codes()
    {
        short[] expected = ReadRaw("pcma.sox.raw");
        Assert.Equal(expected, G711.ALawTable.ToArray());
    }

    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0x00, -32124)]
    [InlineData(0x80, 32124)]
    [InlineData(0xFE, 8)] // G.711 Table 2a: first step of segment 1 decodes to 2 (14-bit), i.e. 8 in 16 bits.
    [InlineData(0x7E, -8)]
    [InlineData(0xEF, 132)] // first value of segment 2: 33 (14-bit).
    public void MuLaw_decodes_reference_values(int code, int expected)
    {
        Span<short> output = stackalloc short[1];
        G711.DecodeMuLaw([(byte)code], output);
        Assert.Equal(expected, output[0]);
    }

    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    public void ALaw_decodes_reference_values(int code, int expected)
    {
        Span<short> output = stackalloc short[1];
        G711.DecodeALaw([(byte)code], output);
        Assert.Equal(expected, output[0]);
    }

    [Theory]
    [InlineData("sweep")]
    [InlineData("speech")]
    [InlineData("loud")]
    public void G722_decoder_matches_ffmpeg_sample_for_sample(string vector)
    {
        byte[] g722 = ReadBytes(vector + ".g722");
        short[] expected = ReadRaw(vector + ".ffmpeg.raw");
        var decoder = new G722Decoder();
        var actual = new short[g722.Length * 2];

        // Decode in 20 ms RTP-sized pieces, as the recorder does: the state must carry across packets.
        int written = 0;
        for (int offset = 0; offset < g722.Length; offset += 160)
        {
            int n = Math.Min(160, g722.Length - offset);
            written += decoder.Decode(g722.AsSpan(offset, n), actual.AsSpan(written));
        }

        Assert.Equal(expected.Length, written);
        int maxDifference = 0;
        int firstMismatch = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            int difference = Math.Abs(expected[i] - actual[i]);
            if (difference != 0 && firstMismatch < 0)
            {
                firstMismatch = i;
            }

            maxDifference = Math.Max(maxDifference, difference);
        }

        Assert.True(maxDifference == 0, $"max difference {maxDifference}, first mismatch at sample {firstMismatch}");
    }

    [Fact]
    public void G722_reset_restores_the_initial_state()
    {
        byte[] g722 = ReadBytes("speech.g722");
        var decoder = new G722Decoder();
        var first = new short[320];
        var again = new short[320];
        decoder.Decode(g722.AsSpan(0, 160), first);
        decoder.Decode(g722.AsSpan(160, 160), again);
        decoder.Reset();
        decoder.Decode(g722.AsSpan(0, 160), again);
        Assert.Equal(first, again);
    }
}
