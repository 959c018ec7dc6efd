namespace BookedBarber.Payments.Connections;

/// <summary><c>GET /external-payments/connections</c> response.</summary>
public sealed record ListConnectionsResponse(
    IReadOnlyList<ConnectionListItem> Connections,
    int TotalConnections,
    IReadOnlyList<string> SupportedProcessors);
