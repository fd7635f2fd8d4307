namespace Lyrebird.Media.Recording.Tests;

/// <summary>A finished recording and its samples.</summary>
internal sealed record FinishedRecording(RecordingResult Result, short[] Samples)
{
    public short[] Channel(int channel) => Audio.Channel(Samples, Result.Channels, channel);

    /// <summary>Samples of one channel between two times.</summary>
    public short[] Slice(int channel, double fromMs, double toMs)
    {
        short[] all = Channel(channel);
        int rate = Result.SampleRate;
        int from = (int)(fromMs * rate / 1000);
        int to = Math.Min(all.Length, (int)(toMs * rate / 1000));
        return all[from..to];
    }
}
