namespace BookedBarber.Payments.Connections;

/// <summary><c>GET /external-payments/transactions</c> response.</summary>
public sealed record ListExternalTransactionsResponse(
    IReadOnlyList<ExternalTransactionListItem> Transactions,
    int TotalTransactions,
    decimal TotalAmount,
    TransactionsPagination Pagination);
