namespace Lyrebird.Core.Recording;

/// <summary>One party of a recorded call as the catalogue keeps it.</summary>
/// <param name="Extension">The extension, or null for a party that is not a local user.</param>
/// <param name="DisplayName">The display name, when known.</param>
/// <param name="Uri">The party's SIP URI.</param>
public sealed record RecordedParty(string? Extension, string? DisplayName, string Uri);
