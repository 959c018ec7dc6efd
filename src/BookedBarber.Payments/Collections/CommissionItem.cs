using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// An outside transaction claimed by a collection (row <c>cmi-{transaction id}</c>: its existence is the claim, so a
/// transaction is in at most one collection). <see cref="CommissionMinor"/> is what the collection charged for it;
/// <see cref="CreditedMinor"/> what later refunds or a dispute gave back as credits on later collections.
/// </summary>
public sealed record CommissionItem(
    int BarberId,
    int TransactionId,
    string ExternalTransactionId,
    long CollectionId,
    Currency Currency,
    long AmountMinor,
    long TipMinor,
    decimal Rate,
    long CommissionMinor,
    long ClaimedRefundMinor,
    long CreditedMinor,
    DateTimeOffset ProcessedAt,
    DateTimeOffset ClaimedAt)
{
    public Money Commission => new(CommissionMinor, Currency);

    public Money Amount => new(AmountMinor, Currency);

    public string RowKey => CollectionRows.ItemRowKey(TransactionId);
}
