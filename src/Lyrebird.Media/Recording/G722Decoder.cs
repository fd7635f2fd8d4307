namespace Lyrebird.Media.Recording;

/// <summary>
/// ITU-T G.722 decoder, 64 kbit/s (mode 1): each byte carries a 6-bit lower-band and a 2-bit higher-band ADPCM code
/// and decodes to two 16 kHz samples through the receive QMF. Written from the G.722 (09/2012) block descriptions
/// (INVQAL/INVQBL, LOGSCL/SCALEL, INVQAH, LOGSCH/SCALEH, the shared predictor blocks RECONS, PARREC, UPPOL1/2,
/// UPZERO, DELAYA, FILTEP, FILTEZ, PREDIC, and the 24-tap receive QMF); matches ffmpeg's decoder sample for sample.
/// </summary>
/// <remarks>
/// One instance per RTP stream (the ADPCM state follows the stream); <see cref="Reset"/> on a new SSRC. Not thread
/// safe; allocation-free after construction. RTP carries G.722 with an 8000 Hz clock (RFC 3551 §4.5.2), so a 20 ms
/// packet is 160 bytes, 160 timestamp units and 320 output samples.
/// </remarks>
public sealed class G722Decoder
{
    // Lower band: 6-bit inverse quantizer (INVQBL, mode 1), 4-bit inverse quantizer used for prediction (INVQAL).
    private static readonly short[] s_qm6 =
    [
        -136, -136, -136, -136, -24808, -21904, -19008, -16704,
        -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
        -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
        10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
        1688, 1360, 1040, 728, 432, 136, -432, -136,
    ];

    private static readonly short[] s_qm4 =
    [
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200,
        20456, 12896, 8968, 6288, 4240, 2584, 1200, 0,
    ];

    // LOGSCL: 4-bit code → magnitude index, and the log scale-factor multipliers.
    private static readonly byte[] s_rl42 = [0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0];
    private static readonly short[] s_wl = [-60, -30, 58, 172, 334, 538, 1198, 3042];

    // Higher band: INVQAH and LOGSCH.
    private static readonly short[] s_qm2 = [-7408, -1616, 7408, 1616];
    private static readonly byte[] s_rh2 = [2, 1, 2, 1];
    private static readonly short[] s_wh = [0, -214, 798];

    // SCALEL/SCALEH: antilog table.
    private static readonly short[] s_ilb =
    [
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
    ];

    // Receive QMF coefficients h0..h11 (the 24-tap filter is symmetric: h(23-i) = h(i)).
    private static readonly short[] s_qmf = [3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11];

    private readonly Band _low = new();
    private readonly Band _high = new();
    private readonly int[] _x = new int[24];

    public G722Decoder() => Reset();

    /// <summary>Returns the decoder to its initial state (as after construction).</summary>
    public void Reset()
    {
        _low.Reset(32);
        _high.Reset(8);
        Array.Clear(_x);
    }

    /// <summary>Decodes 64 kbit/s G.722 bytes into 16 kHz samples, two per byte.</summary>
    /// <returns>The number of samples written (2 × input.Length).</returns>
    public int Decode(ReadOnlySpan<byte> input, Span<short> output)
    {
        output = output[..(input.Length * 2)];
        Band low = _low;
        Band high = _high;
        int[] x = _x;
        int o = 0;
        foreach (byte code in input)
        {
            int ilow = code & 0x3F;
            int ihigh = (code >> 6) & 0x03;

            // Lower band: INVQBL + RECONS + LIMIT give the output sample; INVQAL feeds the predictor.
            int rlow = low.S + ((low.Det * s_qm6[ilow]) >> 15);
            rlow = Math.Clamp(rlow, -16384, 16383);
            int ilow4 = ilow >> 2;
            int dlow = (low.Det * s_qm4[ilow4]) >> 15;

            // LOGSCL, SCALEL.
            int nb = ((low.Nb * 127) >> 7) + s_wl[s_rl42[ilow4]];
            low.Nb = Math.Clamp(nb, 0, 18432);
            low.Det = Scale(low.Nb, 8);
            low.Update(dlow);

            // Higher band: INVQAH + RECONS + LIMIT; LOGSCH, SCALEH.
            int dhigh = (high.Det * s_qm2[ihigh]) >> 15;
            int rhigh = Math.Clamp(dhigh + high.S, -16384, 16383);
            nb = ((high.Nb * 127) >> 7) + s_wh[s_rh2[ihigh]];
            high.Nb = Math.Clamp(nb, 0, 22528);
            high.Det = Scale(high.Nb, 10);
            high.Update(dhigh);

            // Receive QMF: shift in the two new sub-band sums and run the 24-tap filter for two output samples.
            x.AsSpan(2, 22).CopyTo(x);
            x[22] = rlow + rhigh;
            x[23] = rlow - rhigh;
            int xout1 = 0;
            int xout2 = 0;
            for (int i = 0; i < 12; i++)
            {
                xout2 += x[2 * i] * s_qmf[i];
                xout1 += x[(2 * i) + 1] * s_qmf[11 - i];
            }

            output[o++] = Saturate(xout1 >> 11);
            output[o++] = Saturate(xout2 >> 11);
        }

        return o;
    }

    private static int Scale(int nb, int shiftBase)
    {
        int wd1 = (nb >> 6) & 31;
        int wd2 = shiftBase - (nb >> 11);
        int wd3 = wd2 < 0 ? s_ilb[wd1] << -wd2 : s_ilb[wd1] >> wd2;
        return wd3 << 2;
    }

    private static short Saturate(int value) => (short)Math.Clamp(value, short.MinValue, short.MaxValue);

    /// <summary>The adaptive predictor of one sub-band (blocks RECONS, PARREC, UPPOL1, UPPOL2, UPZERO, DELAYA,
    /// FILTEP, FILTEZ, PREDIC), unrolled over scalar fields: the arrays of the reference code cost bounds checks.</summary>
    private sealed class Band
    {
        private int _a1, _a2;
        private int _b1, _b2, _b3, _b4, _b5, _b6;
        private int _d1, _d2, _d3, _d4, _d5, _d6;
        private int _p1, _p2;
        private int _r1, _r2;
        private int _sz;

        public int S { get; private set; }

        public int Nb { get; set; }

        public int Det { get; set; }

        public void Reset(int det)
        {
            _a1 = _a2 = 0;
            _b1 = _b2 = _b3 = _b4 = _b5 = _b6 = 0;
            _d1 = _d2 = _d3 = _d4 = _d5 = _d6 = 0;
            _p1 = _p2 = 0;
            _r1 = _r2 = 0;
            _sz = 0;
            S = 0;
            Nb = 0;
            Det = det;
        }

        public void Update(int dx)
        {
            // RECONS, PARREC.
            int r0 = Saturate(S + dx);
            int p0 = Saturate(_sz + dx);

            // UPPOL2.
            int sg0 = p0 >> 15;
            int sg1 = _p1 >> 15;
            int sg2 = _p2 >> 15;
            int wd1 = Saturate(_a1 << 2);
            int wd2 = sg0 == sg1 ? -wd1 : wd1;
            if (wd2 > 32767)
            {
                wd2 = 32767;
            }

            int wd3 = (sg0 == sg2 ? 128 : -128) + (wd2 >> 7) + ((_a2 * 32512) >> 15);
            int ap2 = Math.Clamp(wd3, -12288, 12288);

            // UPPOL1.
            wd1 = sg0 == sg1 ? 192 : -192;
            wd2 = (_a1 * 32640) >> 15;
            int ap1 = Saturate(wd1 + wd2);
            wd3 = Saturate(15360 - ap2);
            ap1 = Math.Clamp(ap1, -wd3, wd3);

            // UPZERO (on the delayed differences before DELAYA moves them).
            int sgd = dx >> 15;
            int step = dx == 0 ? 0 : 128;
            int b1 = UpZero(_b1, _d1, sgd, step);
            int b2 = UpZero(_b2, _d2, sgd, step);
            int b3 = UpZero(_b3, _d3, sgd, step);
            int b4 = UpZero(_b4, _d4, sgd, step);
            int b5 = UpZero(_b5, _d5, sgd, step);
            int b6 = UpZero(_b6, _d6, sgd, step);

            // DELAYA.
            _d6 = _d5;
            _d5 = _d4;
            _d4 = _d3;
            _d3 = _d2;
            _d2 = _d1;
            _d1 = dx;
            (_b1, _b2, _b3, _b4, _b5, _b6) = (b1, b2, b3, b4, b5, b6);
            _r2 = _r1;
            _r1 = r0;
            _p2 = _p1;
            _p1 = p0;
            _a1 = ap1;
            _a2 = ap2;

            // FILTEP.
            wd1 = (_a1 * Saturate(_r1 + _r1)) >> 15;
            wd2 = (_a2 * Saturate(_r2 + _r2)) >> 15;
            int sp = Saturate(wd1 + wd2);

            // FILTEZ (accumulated from the oldest tap, as the reference does; the order does not change the sum).
            int sz = ((_b6 * Saturate(_d6 + _d6)) >> 15) + ((_b5 * Saturate(_d5 + _d5)) >> 15) +
                     ((_b4 * Saturate(_d4 + _d4)) >> 15) + ((_b3 * Saturate(_d3 + _d3)) >> 15) +
                     ((_b2 * Saturate(_d2 + _d2)) >> 15) + ((_b1 * Saturate(_d1 + _d1)) >> 15);
            _sz = Saturate(sz);

            // PREDIC.
            S = Saturate(sp + _sz);
        }

        private static int UpZero(int b, int d, int sgd, int step) =>
            Saturate(((d >> 15) == sgd ? step : -step) + ((b * 32640) >> 15));
    }
}
