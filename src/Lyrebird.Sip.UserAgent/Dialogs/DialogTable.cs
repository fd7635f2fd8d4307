using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.UserAgent.Dialogs;

/// <summary>
/// The dialogs a user agent takes part in, found by <see cref="DialogId"/> (Call-ID, local tag, remote tag), each with
/// its owner (e.g. the call and which leg). Thread-safe: lookups come from transport threads while owners add and
/// remove their dialogs.
/// </summary>
public sealed class DialogTable<TOwner>
{
    private readonly ConcurrentDictionary<DialogId, (Dialog Dialog, TOwner Owner)> _dialogs = new();

    public int Count => _dialogs.Count;

    /// <summary>Adds a dialog; false when one with the same id is already there.</summary>
    public bool TryAdd(Dialog dialog, TOwner owner)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        return _dialogs.TryAdd(dialog.Id, (dialog, owner));
    }

    /// <summary>Removes the dialog if it is the one registered under its id.</summary>
    public bool Remove(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        return _dialogs.TryGetValue(dialog.Id, out var entry) && ReferenceEquals(entry.Dialog, dialog)
            && _dialogs.TryRemove(new KeyValuePair<DialogId, (Dialog, TOwner)>(dialog.Id, entry));
    }

    public bool TryGet(DialogId id, [MaybeNullWhen(false)] out Dialog dialog, [MaybeNullWhen(false)] out TOwner owner)
    {
        if (_dialogs.TryGetValue(id, out var entry))
        {
            (dialog, owner) = entry;
            return true;
        }

        dialog = null;
        owner = default;
        return false;
    }

    /// <summary>The dialog an inbound in-dialog request (one with a To tag) belongs to (§12.2.2); false when there is
    /// none, which the caller answers with 481.</summary>
    public bool TryFind(SipRequest request, [MaybeNullWhen(false)] out Dialog dialog, [MaybeNullWhen(false)] out TOwner owner)
    {
        if (DialogId.ForInboundRequest(request) is { } id)
        {
            return TryGet(id, out dialog, out owner);
        }

        dialog = null;
        owner = default;
        return false;
    }

    /// <summary>The UAC dialog an inbound response (e.g. a retransmitted 2xx) belongs to.</summary>
    public bool TryFind(SipResponse response, [MaybeNullWhen(false)] out Dialog dialog, [MaybeNullWhen(false)] out TOwner owner)
    {
        if (DialogId.ForInboundResponse(response) is { } id)
        {
            return TryGet(id, out dialog, out owner);
        }

        dialog = null;
        owner = default;
        return false;
    }
}
