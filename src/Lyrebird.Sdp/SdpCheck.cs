using System.Diagnostics.CodeAnalysis;

namespace Lyrebird.Sdp;

/// <summary>The outcome of a check or a state change that yields no value: ok, or an <see cref="SdpError"/>.</summary>
public readonly struct SdpCheck
{
    private SdpCheck(SdpError? error) => Error = error;

    public static SdpCheck Ok => default;

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Error is null;

    public SdpError? Error { get; }

    public static SdpCheck Fail(SdpErrorKind kind, string message) => new(new SdpError(kind, message));

    public static SdpCheck Fail(SdpError error) => new(error ?? throw new ArgumentNullException(nameof(error)));

    public override string ToString() => IsOk ? "Ok" : $"Fail {Error}";
}
