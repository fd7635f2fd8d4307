namespace Lyrebird.Media.Relay;

/// <summary>Totals over all relay threads since start.</summary>
public readonly record struct MediaRelayStatistics(
    int Sessions,
    long PacketsReceived,
    long PacketsForwarded,
    long PacketsDropped,
    int PortPairsAvailable,
    long PortPoolExhausted);
