namespace Lyrebird.Core.Calls;

/// <summary>Which side of a call sent something.</summary>
public enum CallParty : byte
{
    Caller,
    Callee,
}
