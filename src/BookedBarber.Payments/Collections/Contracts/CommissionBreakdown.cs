namespace BookedBarber.Payments.Collections;

/// <summary>Commission tracked, due and collected over the period; the rate is absent when nothing was due.</summary>
public sealed record CommissionBreakdown(
    decimal CommissionRate,
    decimal TotalRevenueTracked,
    decimal CommissionDue,
    decimal CommissionCollected,
    decimal? CollectionRate);
