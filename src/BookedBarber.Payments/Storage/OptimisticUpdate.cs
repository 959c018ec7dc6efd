using Azure;
using Azure.Data.Tables;

namespace BookedBarber.Payments.Storage;

/// <summary>
/// The one way a row is changed under optimistic concurrency: read it, let a change function decide what to write,
/// write it guarded by the ETag it was read with (or add it when it was absent), and when another writer got there
/// first (409 on add, 412 or 404 on the guarded write) read it again and decide again. Bounded: after
/// <see cref="OptimisticUpdateOptions.MaxAttempts"/> lost races it throws <see cref="OptimisticConcurrencyException"/>.
/// A change function that throws aborts the update without writing.
/// </summary>
public static class OptimisticUpdate
{
    /// <summary>Applies <paramref name="change"/> to the row (null: absent) until a write of it wins; returns the change's result.</summary>
    public static Task<T> UpdateAsync<T>(this TableClient table, string partitionKey, string rowKey,
        Func<TableEntity?, EntityChange<T>> change, CancellationToken cancellationToken, OptimisticUpdateOptions? options = null) =>
        table.UpdateAsync(partitionKey, rowKey, (current, _) => ValueTask.FromResult(change(current)), cancellationToken, options);

    /// <inheritdoc cref="UpdateAsync{T}(TableClient, string, string, Func{TableEntity?, EntityChange{T}}, CancellationToken, OptimisticUpdateOptions?)"/>
    public static async Task<T> UpdateAsync<T>(this TableClient table, string partitionKey, string rowKey,
        Func<TableEntity?, CancellationToken, ValueTask<EntityChange<T>>> change, CancellationToken cancellationToken, OptimisticUpdateOptions? options = null)
    {
        options ??= OptimisticUpdateOptions.Default;
        if (options.MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxAttempts must be at least 1.");
        RequestFailedException? lost = null;
        for (var attempt = 0; attempt < options.MaxAttempts; attempt++)
        {
            var current = attempt == 0 && options.FirstRead is { } firstRead
                ? await firstRead(cancellationToken)
                : await ReadAsync(table, partitionKey, rowKey, cancellationToken);
            var decided = await change(current, cancellationToken);
            if (decided.Entity is not { } next) return decided.Result;
            if (next.PartitionKey != partitionKey || next.RowKey != rowKey)
                throw new InvalidOperationException($"The change wrote {next.PartitionKey}/{next.RowKey} instead of {partitionKey}/{rowKey}.");
            try
            {
                var written = options.Write is { } write
                    ? await write(current, next, cancellationToken)
                    : await WriteAsync(table, current, next, cancellationToken);
                if (written is { } etag) next.ETag = etag;
                return decided.Result;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
                // Another writer changed (or removed) the row since it was read: decide again on its version.
                lost = ex;
                // Contention back-off, not business time: a real, jittered delay so racing writers spread out. The first
                // loss goes straight to the read (insert-first callers lose it whenever the row simply exists).
                if (attempt > 0 && attempt + 1 < options.MaxAttempts) await Task.Delay(Random.Shared.Next(1, 5 + Math.Min(attempt, 10) * 5), cancellationToken);
            }
        }
        throw new OptimisticConcurrencyException(table.Name, partitionKey, rowKey, options.MaxAttempts, lost);
    }

    private static async Task<TableEntity?> ReadAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private static async Task<ETag?> WriteAsync(TableClient table, TableEntity? current, ITableEntity next, CancellationToken cancellationToken)
    {
        var response = current is null
            ? await table.AddEntityAsync(next, cancellationToken)
            : await table.UpdateEntityAsync(next, current.ETag, TableUpdateMode.Replace, cancellationToken);
        return response.Headers.ETag;
    }
}
