namespace BookedBarber.Payments.Analytics.Rollups;

/// <summary>
/// One barber's payments of one mode on one local day (the day, in the shop's time zone, the payment was made; a later
/// refund, fee change or dispute changes the day of the original payment). <see cref="ClientIds"/> are the distinct
/// clients who paid that day (known through the booking); <see cref="ReturningClients"/> how many of them had paid this
/// barber on an earlier day.
/// </summary>
public sealed record DailyRollup(
    DateOnly Day,
    string Mode,
    ModeTotals Totals,
    IReadOnlyList<int> ClientIds,
    int ReturningClients)
{
    public int DistinctClients => ClientIds.Count;
}
