using Azure.Data.Tables;
using BookedBarber.Payments.ExternalTransactions;

namespace BookedBarber.Payments.Collections;

/// <summary>A claimed transaction of a collected collection (its stored item row, with the ETag the credit's batch checks) and the credit it is owed now.</summary>
public sealed record PoolCredit(ExternalTransaction Transaction, CommissionItem Item, TableEntity ItemRow, long AmountMinor);
