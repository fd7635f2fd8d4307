using Lyrebird.Core.Registration;

namespace Lyrebird.Core;

/// <summary>Settings of the PBX core (signalling, authentication, registration), bound from configuration by the host.</summary>
public sealed record PbxOptions
{
    /// <summary>Digest realm. Users' HA1 values are computed for it when they are created or their password is set,
    /// so changing it requires setting every password again.</summary>
    public string Realm { get; init; } = "lyrebird";

    /// <summary>Product token in Server / User-Agent headers.</summary>
    public string Product { get; init; } = "Lyrebird";

    /// <summary>How long a digest nonce is accepted before it is stale.</summary>
    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed authentications from one address within <see cref="AuthFailureWindow"/> that start a cool-down.</summary>
    public int AuthFailureThreshold { get; init; } = 10;

    public TimeSpan AuthFailureWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an address that failed too often gets 403 without its credentials being checked.</summary>
    public TimeSpan AuthCoolDown { get; init; } = TimeSpan.FromMinutes(5);

    public RegistrarOptions Registrar { get; init; } = new();

    /// <summary>How often expired registrations are swept out of memory and storage.</summary>
    public TimeSpan RegistrationSweepInterval { get; init; } = TimeSpan.FromSeconds(30);
}
