using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Connections;

/// <summary>How a stored connection is shown: totals from the stored row, health from its token and recent errors.</summary>
public static class ConnectionViews
{
    public static ConnectionListItem ListItem(ProcessorConnection c) => new(
        c.Id, c.ProcessorType, c.AccountId, c.AccountName, c.Status, c.SupportsPayments, c.SupportsRefunds, c.SupportsRecurring, c.DefaultCurrency,
        c.LastSyncAt, c.LastTransactionAt, c.TotalTransactions, Volume(c), c.ConnectedAt);

    public static ConnectionDetailResponse Detail(ProcessorConnection c, DateTimeOffset now) => new(
        c.Id, c.ProcessorType, c.AccountId, c.AccountName, c.Status, c.SupportsPayments, c.SupportsRefunds, c.SupportsRecurring, c.DefaultCurrency,
        new ConnectionProcessingFees(c.Fees.CardPresent, c.Fees.CardNotPresent, c.Fees.PerTransaction.ToMajor()),
        c.LastSyncAt, c.LastTransactionAt, c.TotalTransactions, Volume(c), c.ConnectedAt, Health(c, now));

    // Before its first transaction the volume is zero in the connection's currency (0.00, as every amount is written).
    private static decimal Volume(ProcessorConnection c) => (c.TotalVolume ?? new Money(0, c.Fees.PerTransaction.Currency)).ToMajor();

    public static ConnectionHealthStatus Health(ProcessorConnection c, DateTimeOffset now)
    {
        var token = TokenStates.Of(c.TokenState, c.TokenExpiresAt, now);
        return new ConnectionHealthStatus(
            c.Status == ConnectionStatus.Connected && TokenStates.Usable(token) && c.RecentErrors == 0,
            c.LastHealthCheckAt, c.RecentErrors, token, c.TokenExpiresAt, c.WebhookSubscriptionId is not null);
    }
}
