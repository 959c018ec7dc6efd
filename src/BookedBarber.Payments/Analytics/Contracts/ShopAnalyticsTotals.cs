namespace BookedBarber.Payments.Analytics;

/// <summary>
/// Extension (<c>shop_id</c>, shop owners, enterprise owners and admin): the shop's barbers' combined figures over the
/// same period, each barber's days counted in their own shop time zone.
/// </summary>
public sealed record ShopAnalyticsTotals(
    int ShopId,
    IReadOnlyList<int> BarberIds,
    int TotalTransactions,
    decimal TotalVolume,
    decimal TotalNetEarnings,
    decimal TotalCommissionActivity,
    decimal? WeightedSuccessRate,
    decimal? EffectiveTakeRate);
