using Lyrebird.Media.Recording;

namespace Lyrebird.Testing;

/// <summary>Test-side audio helpers: tone generation, G.711 encoding (nearest table entry), channel extraction.</summary>
public static class Audio
{
    private static readonly byte[] s_muLawEncode = BuildEncoder(G711.MuLawTable.ToArray());
    private static readonly byte[] s_aLawEncode = BuildEncoder(G711.ALawTable.ToArray());

    public static short ToneSample(double frequency, long sampleIndex, int sampleRate, double amplitude = 0.5) =>
        (short)(amplitude * 32767 * Math.Sin(2 * Math.PI * frequency * sampleIndex / sampleRate));

    public static byte MuLaw(short sample) => s_muLawEncode[sample + 32768];

    public static byte ALaw(short sample) => s_aLawEncode[sample + 32768];

    /// <summary>Samples of one channel of an interleaved buffer.</summary>
    public static short[] Channel(short[] interleaved, int channels, int channel)
    {
        var result = new short[interleaved.Length / channels];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = interleaved[(i * channels) + channel];
        }

        return result;
    }

    /// <summary>True when every sample in the range is zero.</summary>
    public static bool IsSilent(ReadOnlySpan<short> samples)
    {
        foreach (short s in samples)
        {
            if (s != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Start of each run of at least <paramref name="minLength"/> zero samples, with its length.</summary>
    public static List<(int Start, int Length)> SilentRuns(ReadOnlySpan<short> samples, int minLength)
    {
        var runs = new List<(int, int)>();
        int start = -1;
        for (int i = 0; i <= samples.Length; i++)
        {
            bool zero = i < samples.Length && samples[i] == 0;
            if (zero && start < 0)
            {
                start = i;
            }
            else if (!zero && start >= 0)
            {
                if (i - start >= minLength)
                {
                    runs.Add((start, i - start));
                }

                start = -1;
            }
        }

        return runs;
    }

    private static byte[] BuildEncoder(short[] table)
    {
        var encoder = new byte[65536];
        for (int value = -32768; value <= 32767; value++)
        {
            int best = 0;
            int bestDistance = int.MaxValue;
            for (int code = 0; code < 256; code++)
            {
                int distance = Math.Abs(table[code] - value);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = code;
                }
            }

            encoder[value + 32768] = (byte)best;
        }

        return encoder;
    }
}
