namespace BookedBarber.Payments.Routing;

/// <summary>Total fee rates per route; the external figures are absent when the barber has no external connection.</summary>
public sealed record FeeBreakdown(
    decimal PlatformTotalFee,
    decimal? ExternalTotalFee,
    decimal? SavingsWithExternal);
