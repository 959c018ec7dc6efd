namespace BookedBarber.Payments.Processors.Square;

/// <summary>Filters for <see cref="SquareClient.ListPaymentsAsync"/> (Square's ListPayments query parameters).</summary>
public sealed record SquareListPaymentsOptions
{
    /// <summary>Inclusive lower bound on created_at; Square defaults to one year ago.</summary>
    public DateTimeOffset? BeginTime { get; init; }

    /// <summary>Upper bound on created_at; Square defaults to now.</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>"ASC" (oldest first) or "DESC" (Square's default).</summary>
    public string? SortOrder { get; init; }

    /// <summary>Square defaults to the seller's main location.</summary>
    public string? LocationId { get; init; }

    /// <summary>Page size, 1..100 (Square's default and maximum is 100).</summary>
    public int? Limit { get; init; }
}
