namespace Lyrebird.Core.Registration;

/// <summary>Registration intervals (RFC 3261 §10.2.1.1, §10.3).</summary>
public sealed record RegistrarOptions
{
    /// <summary>Shorter requested intervals (other than 0) get 423 with Min-Expires.</summary>
    public TimeSpan MinExpires { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longer requested intervals are lowered to this.</summary>
    public TimeSpan MaxExpires { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Used when neither the Contact nor the request gives an interval.</summary>
    public TimeSpan DefaultExpires { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Most contacts kept per address-of-record; more get 403 rather than evicting working phones.</summary>
    public int MaxContactsPerAor { get; init; } = 10;
}
