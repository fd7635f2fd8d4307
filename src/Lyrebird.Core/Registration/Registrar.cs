using System.Globalization;
using Lyrebird.Core.Storage;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transport;

namespace Lyrebird.Core.Registration;

/// <summary>
/// The location service and registrar (RFC 3261 §10.3, RFC 5626 §6): bindings per address-of-record with expiry,
/// several contacts per extension, <c>Expires: 0</c> and <c>*</c> to remove, 423 for too short intervals, and a 200
/// that lists every current binding with its remaining time. A binding with <c>+sip.instance</c> and <c>reg-id</c>
/// replaces the earlier binding of the same instance and reg-id. Each binding remembers the flow it arrived on.
/// Bindings are written through to <see cref="IRegistrationStore"/> and reloaded at start-up.
/// </summary>
/// <remarks>Thread-safe: one lock guards the table; registrations are rare next to media.</remarks>
public sealed class Registrar
{
    private readonly IRegistrationStore _store;
    private readonly TimeProvider _time;
    private readonly RegistrarOptions _options;
    private readonly Dictionary<string, List<Binding>> _bindings = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Registrar(IRegistrationStore store, TimeProvider time, RegistrarOptions? options = null)
    {
        _store = store;
        _time = time;
        _options = options ?? new RegistrarOptions();
        var now = time.GetUtcNow();
        foreach (var group in store.LoadAll().GroupBy(b => b.Aor, StringComparer.Ordinal))
        {
            var live = group.Where(b => b.ExpiresAt > now).ToList();
            _bindings[group.Key] = live;
            if (live.Count != group.Count())
            {
                store.Save(group.Key, live);
            }
        }
    }

    /// <summary>Current (unexpired) bindings of an extension, best first (highest q, then most recent).</summary>
    public IReadOnlyList<Binding> Lookup(string aor)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            return _bindings.TryGetValue(aor, out var list)
                ? [.. list.Where(b => b.ExpiresAt > now).OrderByDescending(b => b.Q).ThenByDescending(b => b.RegisteredAt)]
                : [];
        }
    }

    /// <summary>Every current binding, by extension.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Binding>> Snapshot()
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            return _bindings.Where(kv => kv.Value.Any(b => b.ExpiresAt > now))
                .ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Binding>)[.. kv.Value.Where(b => b.ExpiresAt > now)], StringComparer.Ordinal);
        }
    }

    /// <summary>Removes expired bindings from memory and storage; returns how many were removed.</summary>
    public int RemoveExpired()
    {
        var now = _time.GetUtcNow();
        var removed = 0;
        lock (_lock)
        {
            foreach (var (aor, list) in _bindings)
            {
                var count = list.RemoveAll(b => b.ExpiresAt <= now);
                if (count > 0)
                {
                    removed += count;
                    _store.Save(aor, list);
                }
            }
        }

        return removed;
    }

    /// <summary>Handles an authenticated REGISTER for <paramref name="aor"/> (already checked against the To URI and
    /// the credentials) and returns the response to send.</summary>
    public SipResponse Register(SipRequest request, string aor, SipFlow flow)
    {
        var contacts = new List<SipNameAddress>();
        foreach (var header in request.Headers.GetAll(HeaderId.Contact))
        {
            if (!SipNameAddress.TryParse(header.RawValue.Span, out var contact))
            {
                return SipResponseFactory.Create(request, SipStatusCodes.BadRequest, "Bad Contact Header");
            }

            contacts.Add(contact);
        }

        var requestExpires = ParseExpires(request.Headers.GetFirstValue(HeaderId.Expires));
        if (request.Headers.Contains(HeaderId.Expires) && requestExpires is null)
        {
            return SipResponseFactory.Create(request, SipStatusCodes.BadRequest, "Bad Expires Header");
        }

        var callId = request.CallId ?? "";
        var cseq = request.CSeq?.Number ?? 0;
        var now = _time.GetUtcNow();

        lock (_lock)
        {
            var list = _bindings.TryGetValue(aor, out var existing) ? existing : [];
            list.RemoveAll(b => b.ExpiresAt <= now);

            if (contacts.Any(c => c.IsWildcard))
            {
                // §10.3 step 6: "*" only alone and only with Expires: 0.
                if (contacts.Count != 1 || requestExpires != 0)
                {
                    return SipResponseFactory.Create(request, SipStatusCodes.BadRequest, "Wildcard Contact Requires Expires 0");
                }

                if (list.Any(b => b.CallId == callId && b.CSeq >= cseq))
                {
                    return SipResponseFactory.Create(request, SipStatusCodes.ServerInternalError, "Out Of Order CSeq");
                }

                list.Clear();
                Commit(aor, list);
                return Ok(request, list, now);
            }

            var updated = new List<Binding>(list);
            foreach (var contact in contacts)
            {
                var seconds = ParseExpires(contact.Parameters["expires"]) ?? requestExpires ?? (long)_options.DefaultExpires.TotalSeconds;
                if (contact.Parameters.Contains("expires") && ParseExpires(contact.Parameters["expires"]) is null)
                {
                    return SipResponseFactory.Create(request, SipStatusCodes.BadRequest, "Bad Contact Expires Parameter");
                }

                if (seconds != 0 && seconds < _options.MinExpires.TotalSeconds)
                {
                    var tooBrief = SipResponseFactory.Create(request, SipStatusCodes.IntervalTooBrief);
                    tooBrief.Headers.Add(HeaderId.MinExpires, ((long)_options.MinExpires.TotalSeconds).ToString(CultureInfo.InvariantCulture));
                    return tooBrief;
                }

                seconds = Math.Min(seconds, (long)_options.MaxExpires.TotalSeconds);
                var contactUri = contact.Uri.ToString();
                var instance = contact.Parameters["+sip.instance"]?.Trim('"');
                var regId = int.TryParse(contact.Parameters["reg-id"], NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : (int?)null;

                // RFC 5626 §6: with an instance and reg-id the binding is identified by them; otherwise by the URI (§10.3).
                var index = instance is not null && regId is not null
                    ? updated.FindIndex(b => b.InstanceId == instance && b.RegId == regId)
                    : updated.FindIndex(b => b.ContactUri == contactUri);
                if (index >= 0 && updated[index].CallId == callId && updated[index].CSeq >= cseq)
                {
                    return SipResponseFactory.Create(request, SipStatusCodes.ServerInternalError, "Out Of Order CSeq");
                }

                if (seconds == 0)
                {
                    if (index >= 0)
                    {
                        updated.RemoveAt(index);
                    }

                    continue;
                }

                var binding = new Binding
                {
                    Aor = aor,
                    ContactUri = contactUri,
                    InstanceId = instance,
                    RegId = regId,
                    Q = double.TryParse(contact.Parameters["q"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q) ? Math.Clamp(q, 0, 1) : 1.0,
                    CallId = callId,
                    CSeq = cseq,
                    ExpiresAt = now + TimeSpan.FromSeconds(seconds),
                    RegisteredAt = now,
                    Transport = flow.Transport.ToViaToken(),
                    RemoteAddress = flow.Remote.Address.ToString(),
                    RemotePort = flow.Remote.Port,
                    LocalAddress = flow.Local.Address.ToString(),
                    LocalPort = flow.Local.Port,
                    ConnectionId = flow.ConnectionId,
                    UserAgent = request.Headers.GetFirstValue(HeaderId.UserAgent),
                };
                if (index >= 0)
                {
                    updated[index] = binding;
                }
                else
                {
                    updated.Add(binding);
                }
            }

            if (updated.Count > _options.MaxContactsPerAor)
            {
                return SipResponseFactory.Create(request, SipStatusCodes.Forbidden, "Too Many Contacts");
            }

            Commit(aor, updated);
            return Ok(request, updated, now);
        }
    }

    private void Commit(string aor, List<Binding> list)
    {
        _bindings[aor] = list;
        _store.Save(aor, list);
    }

    private static SipResponse Ok(SipRequest request, List<Binding> bindings, DateTimeOffset now)
    {
        var response = SipResponseFactory.Create(request, SipStatusCodes.Ok);
        foreach (var binding in bindings)
        {
            var remaining = (long)Math.Ceiling(binding.RemainingAt(now).TotalSeconds);
            var instance = binding.InstanceId is null ? "" : $";+sip.instance=\"{binding.InstanceId}\"";
            var regId = binding.RegId is null ? "" : $";reg-id={binding.RegId}";
            response.Headers.Add(HeaderId.Contact, $"<{binding.ContactUri}>;expires={remaining}{instance}{regId}");
        }

        response.Headers.Add(HeaderId.Date, now.ToString("r", CultureInfo.InvariantCulture));
        return response;
    }

    private static long? ParseExpires(string? value)
    {
        if (value is null)
        {
            return null;
        }

        // RFC 3261 §20.19: delta-seconds; values beyond 2**32-1 are treated as that maximum.
        var trimmed = value.Trim();
        if (trimmed.Length == 0 || !trimmed.All(char.IsAsciiDigit))
        {
            return null;
        }

        return trimmed.Length > 10 || !long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > uint.MaxValue
            ? uint.MaxValue
            : seconds;
    }
}
