namespace Lyrebird.Core.Users;

/// <summary>Whether and how a user's calls are recorded. Persisted as its numeric value: never renumber.</summary>
public enum RecordingPolicy
{
    /// <summary>The phone's Record key (INFO Record: on/off) starts and stops recording. The default.</summary>
    OnDemand = 0,

    /// <summary>Recording is refused (INFO gets 403, the recorder URI gets 403).</summary>
    Never = 1,

    /// <summary>Every answered call is recorded; Record: off is refused.</summary>
    Always = 2,
}

public static class RecordingPolicyNames
{
    public static string ToName(this RecordingPolicy policy) => policy switch
    {
        RecordingPolicy.Never => "never",
        RecordingPolicy.Always => "always",
        _ => "on-demand",
    };

    public static bool TryParse(string? name, out RecordingPolicy policy)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "on-demand":
                policy = RecordingPolicy.OnDemand;
                return true;
            case "never":
                policy = RecordingPolicy.Never;
                return true;
            case "always":
                policy = RecordingPolicy.Always;
                return true;
            default:
                policy = default;
                return false;
        }
    }
}
