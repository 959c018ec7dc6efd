namespace BookedBarber.Payments.Analytics.Rollups;

/// <summary>The one place a ledger's payments become daily rollups (definitions on <see cref="ModeTotals"/>).</summary>
public static class DailyRollupCalculator
{
    /// <summary>
    /// The rollups of every (local day, mode, currency) the snapshot has payments on, only days in [from, to] when given.
    /// <paramref name="firstPaid"/> is the local day each client first paid this barber (for returning clients).
    /// </summary>
    public static IReadOnlyList<DailyRollup> Compute(LedgerSnapshot ledger, TimeZoneInfo zone, IReadOnlyDictionary<int, DateOnly> firstPaid,
        DateOnly? from = null, DateOnly? to = null) => throw new NotImplementedException("lead: in progress");

    /// <summary>The local day each client in the snapshot first paid (a succeeded payment).</summary>
    public static IReadOnlyDictionary<int, DateOnly> FirstPaidDays(LedgerSnapshot ledger, TimeZoneInfo zone) =>
        throw new NotImplementedException("lead: in progress");
}
