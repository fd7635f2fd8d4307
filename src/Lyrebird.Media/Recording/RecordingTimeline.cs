using System.Numerics;

namespace Lyrebird.Media.Recording;

/// <summary>
/// Places the decoded audio of each channel's RTP stream on one shared timeline of frames at the file's sample rate,
/// frame 0 being the start of the recording (RECORDING.md §3).
/// </summary>
/// <remarks>
/// <para>Placement: the first packet of a stream (and of each new SSRC) anchors its RTP timestamp to the frame of its
/// arrival; later packets go to anchor + (timestamp − anchor timestamp) × (file rate / 8000). So loss, hold (no
/// packets, timestamps moving on) and a party that starts late become silence of the right length, and a reordered
/// packet lands in its place. Duplicates (sequence number seen among the last 64) are dropped. A packet newer than
/// any before (by sequence number) that would land more than <see cref="JitterFrames"/> before its arrival, or more
/// than <see cref="AheadFrames"/> after it, means the sender's timestamps jumped (or its clock drifted that far): the
/// stream re-anchors to the packet's arrival, as on an SSRC change. Arrival time is authoritative because it is what
/// the other party heard.</para>
/// <para>Writing: samples wait in a per-channel ring until the owner commits them with <see cref="Commit"/>; the
/// owner commits up to (newest arrival − jitter window), so packets reordered within the window still find their
/// place, and anything arriving for frames already committed is dropped as late. Frames no packet covered are
/// silence, in every channel, so the channels always have the same length.</para>
/// <para>Codecs and rates: every supported codec has an 8000 Hz RTP clock. The file rate (8000 or 16000) is chosen
/// at setup. A G.711 stream in a 16 kHz file is upsampled by repeating each sample; a G.722 stream in an 8 kHz file
/// is downsampled by averaging sample pairs. Both are crude but keep time exact; the normal case (both legs on the
/// same codec and the file at its rate) involves no conversion.</para>
/// <para>Not thread safe: used by one writer thread. No allocation after construction.</para>
/// </remarks>
public sealed class RecordingTimeline
{
    /// <summary>Largest payload decoded; larger packets (over 240 ms of G.711) are counted as invalid.</summary>
    public const int MaxPayloadBytes = 1920;

    private readonly TimelineChannel[] _channels;
    private readonly int _frameMask;
    private readonly int _framesPerRtpUnit;
    private readonly short[] _decoded = new short[MaxPayloadBytes * 2];
    private readonly short[] _converted = new short[MaxPayloadBytes * 2];

    /// <param name="sampleRate">File rate: 8000 or 16000.</param>
    /// <param name="payloadMaps">One map per channel (payload type → codec).</param>
    /// <param name="jitterWindow">How long a packet may arrive after its place and still be placed (e.g. 100 ms).</param>
    /// <param name="aheadLimit">How far before its arrival a packet may land before the stream re-anchors
    /// (e.g. 250 ms).</param>
    public RecordingTimeline(int sampleRate, IReadOnlyList<RecordingPayloadMap> payloadMaps, TimeSpan jitterWindow, TimeSpan aheadLimit)
    {
        ArgumentNullException.ThrowIfNull(payloadMaps);
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The recording rate must be 8000 or 16000.");
        }

        if (payloadMaps.Count is < 1 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(payloadMaps), payloadMaps.Count, "A recording has one or two channels.");
        }

        SampleRate = sampleRate;
        _framesPerRtpUnit = sampleRate / 8000;
        JitterFrames = (int)(jitterWindow.Ticks * sampleRate / TimeSpan.TicksPerSecond);
        AheadFrames = (int)(aheadLimit.Ticks * sampleRate / TimeSpan.TicksPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(JitterFrames, nameof(jitterWindow));
        ArgumentOutOfRangeException.ThrowIfNegative(AheadFrames, nameof(aheadLimit));

        int needed = JitterFrames + AheadFrames + (MaxPayloadBytes * 2 * sampleRate / 16000) + sampleRate / 10;
        int ringFrames = (int)BitOperations.RoundUpToPowerOf2((uint)needed);
        _frameMask = ringFrames - 1;
        _channels = new TimelineChannel[payloadMaps.Count];
        for (int i = 0; i < _channels.Length; i++)
        {
            _channels[i] = new TimelineChannel(payloadMaps[i].ToArray(), ringFrames);
        }
    }

    public int SampleRate { get; }

    public int Channels => _channels.Length;

    public int JitterFrames { get; }

    public int AheadFrames { get; }

    /// <summary>Frames before this one have been committed (handed out by <see cref="Commit"/>).</summary>
    public long Cursor { get; private set; }

    /// <summary>The furthest frame that can be committed without losing samples already placed.</summary>
    public long HeldFrames => _frameMask + 1;

    public RecordingChannelStatistics GetStatistics(int channel, long queueDrops = 0) => _channels[channel].Snapshot(queueDrops);

    /// <summary>Places one RTP packet of <paramref name="channel"/> that arrived at <paramref name="arrivalFrame"/>
    /// (frames since the recording started, at the file rate). The owner should first commit up to
    /// arrivalFrame − <see cref="JitterFrames"/>.</summary>
    public PlacementOutcome Place(int channel, ReadOnlySpan<byte> packet, long arrivalFrame)
    {
        TimelineChannel ch = _channels[channel];
        ch.Packets++;
        if (!RtpPacketView.TryParse(packet, out RtpPacketView rtp) || rtp.Payload.Length > MaxPayloadBytes)
        {
            ch.Invalid++;
            return PlacementOutcome.Invalid;
        }

        RecordingCodec codec = ch.Map[rtp.PayloadType];
        if (codec == RecordingCodec.Ignored)
        {
            ch.IgnoredPayloadType++;
            return PlacementOutcome.IgnoredPayloadType;
        }

        if (codec == RecordingCodec.Unknown)
        {
            if (ch.UnknownPayloadType++ == 0)
            {
                ch.FirstUnknownPayloadType = rtp.PayloadType;
            }

            return PlacementOutcome.UnknownPayloadType;
        }

        bool newest;
        if (!ch.Anchored || rtp.Ssrc != ch.Ssrc)
        {
            if (ch.Anchored)
            {
                ch.SsrcChanges++;
            }

            ch.Anchored = true;
            ch.Ssrc = rtp.Ssrc;
            ch.HighestSequence = rtp.Sequence;
            ch.SequenceWindow = 1;
            ch.HighestTimestamp = rtp.Timestamp;
            ch.AnchorTimestamp = rtp.Timestamp;
            ch.AnchorFrame = arrivalFrame;
            ch.G722?.Reset();
            newest = false;
        }
        else
        {
            int delta = (short)(rtp.Sequence - ch.HighestSequence);
            if (delta > 0 || delta <= -64)
            {
                // Newer, or so far from the window that the sender must have restarted its sequence.
                ch.SequenceWindow = delta > 0 && delta < 64 ? (ch.SequenceWindow << delta) | 1 : 1;
                ch.HighestSequence = rtp.Sequence;
                newest = true;
            }
            else
            {
                ulong bit = 1UL << -delta;
                if ((ch.SequenceWindow & bit) != 0)
                {
                    ch.Duplicates++;
                    return PlacementOutcome.Duplicate;
                }

                ch.SequenceWindow |= bit;
                ch.Reordered++;
                newest = false;
            }
        }

        long timestamp = ch.HighestTimestamp + (int)(rtp.Timestamp - (uint)ch.HighestTimestamp);
        if (newest)
        {
            ch.HighestTimestamp = timestamp;
        }

        long frame = ch.AnchorFrame + ((timestamp - ch.AnchorTimestamp) * _framesPerRtpUnit);
        long discrepancy = arrivalFrame - frame;
        if (newest && (discrepancy > JitterFrames || discrepancy < -AheadFrames))
        {
            ch.Reanchors++;
            ch.AnchorTimestamp = timestamp;
            ch.AnchorFrame = arrivalFrame;
            frame = arrivalFrame;
        }

        ReadOnlySpan<short> samples = Decode(ch, codec, rtp.Payload);
        return Write(ch, frame, samples);
    }

    /// <summary>Hands out committed frames: copies frames [<see cref="Cursor"/>, min(upTo, Cursor + room)) into
    /// <paramref name="interleaved"/> (channel-interleaved), clears them in the rings and advances the cursor.</summary>
    /// <returns>The number of frames copied; call again while the cursor is below <paramref name="upTo"/>.</returns>
    public int Commit(long upTo, Span<short> interleaved)
    {
        long available = upTo - Cursor;
        if (available <= 0)
        {
            return 0;
        }

        int frames = (int)Math.Min(available, interleaved.Length / _channels.Length);
        int done = 0;
        while (done < frames)
        {
            int index = (int)((Cursor + done) & _frameMask);
            int run = Math.Min(frames - done, _frameMask + 1 - index);
            if (_channels.Length == 1)
            {
                Span<short> source = _channels[0].Ring.AsSpan(index, run);
                source.CopyTo(interleaved.Slice(done, run));
                source.Clear();
            }
            else
            {
                Span<short> left = _channels[0].Ring.AsSpan(index, run);
                Span<short> right = _channels[1].Ring.AsSpan(index, run);
                Span<short> target = interleaved.Slice(done * 2, run * 2);
                for (int i = 0; i < run; i++)
                {
                    target[2 * i] = left[i];
                    target[(2 * i) + 1] = right[i];
                }

                left.Clear();
                right.Clear();
            }

            done += run;
        }

        Cursor += frames;
        return frames;
    }

    private ReadOnlySpan<short> Decode(TimelineChannel ch, RecordingCodec codec, ReadOnlySpan<byte> payload)
    {
        int n;
        int nativeRate = 8000;
        switch (codec)
        {
            case RecordingCodec.Pcmu:
                n = G711.DecodeMuLaw(payload, _decoded);
                break;
            case RecordingCodec.Pcma:
                n = G711.DecodeALaw(payload, _decoded);
                break;
            default:
                ch.G722 ??= new G722Decoder();
                n = ch.G722.Decode(payload, _decoded);
                nativeRate = 16000;
                break;
        }

        if (nativeRate == SampleRate)
        {
            return _decoded.AsSpan(0, n);
        }

        if (nativeRate < SampleRate)
        {
            for (int i = 0; i < n; i++)
            {
                _converted[2 * i] = _decoded[i];
                _converted[(2 * i) + 1] = _decoded[i];
            }

            return _converted.AsSpan(0, n * 2);
        }

        for (int i = 0; i < n / 2; i++)
        {
            _converted[i] = (short)((_decoded[2 * i] + _decoded[(2 * i) + 1]) >> 1);
        }

        return _converted.AsSpan(0, n / 2);
    }

    private PlacementOutcome Write(TimelineChannel ch, long frame, ReadOnlySpan<short> samples)
    {
        long end = frame + samples.Length;
        if (end <= Cursor)
        {
            ch.Late++;
            return PlacementOutcome.Late;
        }

        if (end > Cursor + _frameMask + 1)
        {
            ch.Late++;
            return PlacementOutcome.TooFarAhead;
        }

        if (frame < Cursor)
        {
            samples = samples[(int)(Cursor - frame)..];
            frame = Cursor;
        }

        while (!samples.IsEmpty)
        {
            int index = (int)(frame & _frameMask);
            int run = Math.Min(samples.Length, _frameMask + 1 - index);
            samples[..run].CopyTo(ch.Ring.AsSpan(index, run));
            samples = samples[run..];
            frame += run;
        }

        ch.Placed++;
        return PlacementOutcome.Placed;
    }
}
