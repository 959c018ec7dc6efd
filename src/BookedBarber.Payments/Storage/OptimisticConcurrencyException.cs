using Azure;

namespace BookedBarber.Payments.Storage;

/// <summary>A row kept changing under an optimistic update: every attempt lost its race to another writer.</summary>
public sealed class OptimisticConcurrencyException(string table, string partitionKey, string rowKey, int attempts, RequestFailedException? lastConflict)
    : Exception($"Row {partitionKey}/{rowKey} of table {table} changed under each of {attempts} update attempts; gave up.", lastConflict)
{
    public string Table { get; } = table;

    public string PartitionKey { get; } = partitionKey;

    public string RowKey { get; } = rowKey;

    public int Attempts { get; } = attempts;
}
