using System.Diagnostics.CodeAnalysis;

// CA1000: Ok/Fail factories on the result type read best at call sites.
#pragma warning disable CA1000

namespace Lyrebird.Sdp;

/// <summary>A value, or the reason there is none. Never an exception for bad input.</summary>
public readonly struct SdpResult<T>
    where T : class
{
    private SdpResult(T? value, SdpError? error)
    {
        Value = value;
        Error = error;
    }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Value is not null;

    public T? Value { get; }

    public SdpError? Error { get; }

    public static SdpResult<T> Ok(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static SdpResult<T> Fail(SdpError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    public static SdpResult<T> Fail(SdpErrorKind kind, string message) => Fail(new SdpError(kind, message));

#pragma warning disable CA2225 // Friendly alternates are Ok/Fail.
    public static implicit operator SdpResult<T>(SdpError error) => Fail(error);
#pragma warning restore CA2225

    public override string ToString() => IsOk ? $"Ok {Value}" : $"Fail {Error}";
}
