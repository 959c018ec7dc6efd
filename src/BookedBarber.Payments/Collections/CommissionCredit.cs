using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// Commission given back on a later collection for a refund or dispute of a transaction an earlier collection covered
/// (row <c>cmc-{collection id}-{transaction id}</c>): written with the item's new <c>CreditedMinor</c> in one batch.
/// </summary>
public sealed record CommissionCredit(
    int BarberId,
    long CollectionId,
    int TransactionId,
    string ExternalTransactionId,
    long FromCollectionId,
    Currency Currency,
    long AmountMinor,
    long RefundedMinor,
    bool Disputed,
    DateTimeOffset CreatedAt)
{
    public Money Amount => new(AmountMinor, Currency);

    public string RowKey => CollectionRows.CreditRowKey(CollectionId, TransactionId);
}
