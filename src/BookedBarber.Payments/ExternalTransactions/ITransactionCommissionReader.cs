using BookedBarber.Payments.Connections;

namespace BookedBarber.Payments.ExternalTransactions;

/// <summary>
/// What a transaction's detail shows of the commission it bears (its collection, or the open pool). Implemented by
/// Collections, which reads external transactions: this interface keeps the dependency one way.
/// </summary>
public interface ITransactionCommissionReader
{
    /// <summary>The transaction's collection, or the commission it owes while open; null when it bears none.</summary>
    Task<TransactionCommissionCollection?> ReadAsync(ExternalTransaction transaction, CancellationToken cancellationToken);
}
