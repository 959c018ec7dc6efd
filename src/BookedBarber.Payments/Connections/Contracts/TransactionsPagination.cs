namespace BookedBarber.Payments.Connections;

/// <summary>The page returned and whether more follow.</summary>
public sealed record TransactionsPagination(int Limit, int Offset, bool HasMore);
