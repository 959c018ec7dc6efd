namespace BookedBarber.Payments.Processors.Square;

/// <summary>Filters for <see cref="SquareClient.ListRefundsAsync"/> (Square's ListPaymentRefunds query parameters).</summary>
public sealed record SquareListRefundsOptions
{
    /// <summary>Inclusive lower bound on the refund's created_at; Square defaults to one year ago.</summary>
    public DateTimeOffset? BeginTime { get; init; }

    /// <summary>Upper bound on created_at; Square defaults to now.</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>"ASC" or "DESC" (Square's default).</summary>
    public string? SortOrder { get; init; }

    /// <summary>Square defaults to all of the seller's locations.</summary>
    public string? LocationId { get; init; }

    /// <summary>Only refunds in this status (PENDING, COMPLETED, REJECTED, FAILED).</summary>
    public string? Status { get; init; }

    /// <summary>Page size, 1..100.</summary>
    public int? Limit { get; init; }
}
