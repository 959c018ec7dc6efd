namespace BookedBarber.Payments.Collections;

/// <summary>The page returned and whether more follow.</summary>
public sealed record CollectionsPagination(int Limit, int Offset, bool HasMore);
