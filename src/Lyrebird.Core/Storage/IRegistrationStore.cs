using Lyrebird.Core.Registration;

namespace Lyrebird.Core.Storage;

/// <summary>Persistent registrar bindings, so that they survive a restart (and the CLI can list them).</summary>
public interface IRegistrationStore
{
    IReadOnlyList<Binding> LoadAll();

    /// <summary>Replaces all bindings of one address-of-record in one transaction.</summary>
    void Save(string aor, IReadOnlyList<Binding> bindings);
}
