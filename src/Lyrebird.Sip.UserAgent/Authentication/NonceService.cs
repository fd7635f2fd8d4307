using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Lyrebird.Sip.UserAgent.Authentication;

/// <summary>
/// Issues and checks Digest nonces (RFC 7616 §3.3, §5.4): a nonce is <c>base64url(time | random | HMAC)</c>, so it is
/// signed (forgeries are refused without any server state) and time-limited (expired ones are "stale"). Nonce-count
/// replays are refused by remembering the highest <c>nc</c> seen per nonce while the nonce lives.
/// </summary>
/// <remarks>Thread-safe: used from any SIP thread.</remarks>
public sealed class NonceService
{
    private const int TimeBytes = 8;
    private const int RandomBytes = 8;
    private const int MacBytes = 16;
    private const int TotalBytes = TimeBytes + RandomBytes + MacBytes;

    /// <summary>Most nonces whose counts are remembered; beyond this the oldest are forgotten (then they read as stale).</summary>
    public const int MaxTrackedNonces = 100_000;

    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, uint> _highestCount = new(StringComparer.Ordinal);

    public NonceService(TimeProvider time, TimeSpan lifetime, byte[]? key = null)
    {
        _time = time;
        Lifetime = lifetime;
        _key = key ?? RandomNumberGenerator.GetBytes(32);
    }

    public TimeSpan Lifetime { get; }

    public string Create()
    {
        Span<byte> nonce = stackalloc byte[TotalBytes];
        BinaryPrimitives.WriteInt64BigEndian(nonce, _time.GetUtcNow().ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(nonce.Slice(TimeBytes, RandomBytes));
        Sign(nonce[..(TimeBytes + RandomBytes)], nonce[(TimeBytes + RandomBytes)..]);
        return Base64Url(nonce);
    }

    public NonceState Check(string? nonce)
    {
        if (nonce is null || nonce.Length > 64)
        {
            return NonceState.Invalid;
        }

        Span<byte> bytes = stackalloc byte[48];
        if (!TryDecode(nonce, bytes, out var length) || length != TotalBytes)
        {
            return NonceState.Invalid;
        }

        Span<byte> mac = stackalloc byte[MacBytes];
        Sign(bytes[..(TimeBytes + RandomBytes)], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, bytes.Slice(TimeBytes + RandomBytes, MacBytes)))
        {
            return NonceState.Invalid;
        }

        var issued = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(bytes));
        var age = _time.GetUtcNow() - issued;
        return age < TimeSpan.Zero || age > Lifetime ? NonceState.Stale : NonceState.Valid;
    }

    /// <summary>Records a use of <paramref name="nonce"/> with nonce-count <paramref name="count"/>; false when the count
    /// is not higher than one already used (a replay, RFC 7616 §3.4).</summary>
    public bool TryUseCount(string nonce, uint count)
    {
        if (_highestCount.Count >= MaxTrackedNonces)
        {
            Prune();
        }

        while (true)
        {
            if (!_highestCount.TryGetValue(nonce, out var highest))
            {
                if (_highestCount.TryAdd(nonce, count))
                {
                    return true;
                }

                continue;
            }

            if (count <= highest)
            {
                return false;
            }

            if (_highestCount.TryUpdate(nonce, count, highest))
            {
                return true;
            }
        }
    }

    private void Prune()
    {
        foreach (var nonce in _highestCount.Keys)
        {
            if (Check(nonce) != NonceState.Valid)
            {
                _highestCount.TryRemove(nonce, out _);
            }
        }

        if (_highestCount.Count >= MaxTrackedNonces)
        {
            _highestCount.Clear(); // every remembered nonce is young: forgetting them only costs a re-challenge
        }
    }

    private void Sign(ReadOnlySpan<byte> data, Span<byte> mac)
    {
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(_key, data, full);
        full[..MacBytes].CopyTo(mac);
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string text, Span<byte> output, out int length)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return Convert.TryFromBase64String(padded, output, out length);
    }
}

public enum NonceState
{
    Valid,
    Stale,
    Invalid,
}
