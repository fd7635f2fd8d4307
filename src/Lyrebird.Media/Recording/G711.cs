namespace Lyrebird.Media.Recording;

/// <summary>
/// ITU-T G.711 decoders (µ-law, PCMU, and A-law, PCMA) to 16-bit linear PCM. Each uses a 256-entry table computed
/// once from the G.711 segment formulas; the values are the G.711 decision values scaled to 16 bits (µ-law: ±32124,
/// A-law: ±32256), the same as the ITU reference decoder shifted left and as sox/ffmpeg produce.
/// </summary>
public static class G711
{
    private static readonly short[] s_muLaw = BuildMuLaw();
    private static readonly short[] s_aLaw = BuildALaw();

    /// <summary>The µ-law table: byte value → sample.</summary>
    public static ReadOnlySpan<short> MuLawTable => s_muLaw;

    /// <summary>The A-law table: byte value → sample.</summary>
    public static ReadOnlySpan<short> ALawTable => s_aLaw;

    /// <summary>Decodes µ-law bytes, one sample per byte. <paramref name="output"/> must hold input.Length samples.</summary>
    /// <returns>The number of samples written.</returns>
    public static int DecodeMuLaw(ReadOnlySpan<byte> input, Span<short> output) => Decode(s_muLaw, input, output);

    /// <summary>Decodes A-law bytes, one sample per byte. <paramref name="output"/> must hold input.Length samples.</summary>
    /// <returns>The number of samples written.</returns>
    public static int DecodeALaw(ReadOnlySpan<byte> input, Span<short> output) => Decode(s_aLaw, input, output);

    private static int Decode(short[] table, ReadOnlySpan<byte> input, Span<short> output)
    {
        output = output[..input.Length];
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = table[input[i]];
        }

        return input.Length;
    }

    private static short[] BuildMuLaw()
    {
        var table = new short[256];
        for (int i = 0; i < 256; i++)
        {
            int u = ~i & 0xFF;
            int t = ((u & 0x0F) << 3) + 0x84;
            t <<= (u & 0x70) >> 4;
            table[i] = (short)((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
        }

        return table;
    }

    private static short[] BuildALaw()
    {
        var table = new short[256];
        for (int i = 0; i < 256; i++)
        {
            int a = i ^ 0x55;
            int t = (a & 0x0F) << 4;
            int segment = (a & 0x70) >> 4;
            switch (segment)
            {
                case 0:
                    t += 8;
                    break;
                case 1:
                    t += 0x108;
                    break;
                default:
                    t += 0x108;
                    t <<= segment - 1;
                    break;
            }

            table[i] = (short)((a & 0x80) != 0 ? t : -t);
        }

        return table;
    }
}
