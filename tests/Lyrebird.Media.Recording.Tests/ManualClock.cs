namespace Lyrebird.Media.Recording.Tests;

/// <summary>A relay clock in microseconds that moves only when told to.</summary>
internal sealed class ManualClock : TimeProvider
{
    public const long Frequency = 1_000_000;

    public long Now { get; set; } = 10_000_000;

    public override long TimestampFrequency => Frequency;

    public override long GetTimestamp() => Now;

    public static long Ms(double milliseconds) => (long)(milliseconds * 1000);
}
