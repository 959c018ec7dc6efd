using Azure.Data.Tables;

namespace BookedBarber.Payments.Ledger;

/// <summary>
/// An attempt as another feature changes it, with the actions (rows of the same partition) that must be written in the
/// same entity-group transaction as it: how netting's reservation rides with the attempt without the ledger knowing it.
/// </summary>
public sealed record AttemptActions(PaymentAttempt Attempt, IReadOnlyList<TableTransactionAction> Actions)
{
    public static AttemptActions None(PaymentAttempt attempt) => new(attempt, []);
}
