namespace Lyrebird.Testing;

/// <summary>Goertzel single-frequency power, to check what a recording contains.</summary>
public static class Goertzel
{
    /// <summary>Normalized power of <paramref name="frequency"/> in the samples (1.0 ≈ a full-scale sine).</summary>
    public static double Power(ReadOnlySpan<short> samples, int sampleRate, double frequency)
    {
        double coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double s1 = 0, s2 = 0;
        foreach (short sample in samples)
        {
            double s0 = (sample / 32768.0) + (coefficient * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        double power = (s1 * s1) + (s2 * s2) - (coefficient * s1 * s2);
        double n = samples.Length;
        return 4 * power / (n * n);
    }

    /// <summary>The candidate frequency with the most power.</summary>
    public static double Dominant(ReadOnlySpan<short> samples, int sampleRate, params double[] candidates)
    {
        double best = candidates[0];
        double bestPower = -1;
        foreach (double candidate in candidates)
        {
            double power = Power(samples, sampleRate, candidate);
            if (power > bestPower)
            {
                bestPower = power;
                best = candidate;
            }
        }

        return best;
    }
}
