using Azure;
using Azure.Data.Tables;

namespace BookedBarber.Payments.Storage;

/// <summary>How <see cref="OptimisticUpdate"/> reads, writes and gives up.</summary>
public sealed record OptimisticUpdateOptions
{
    public static OptimisticUpdateOptions Default { get; } = new();

    /// <summary>Writes tried before giving up; every lost race costs one read and one write.</summary>
    public int MaxAttempts { get; init; } = 20;

    /// <summary>
    /// Where the first attempt gets the row instead of reading the table: the row this instance last wrote, or null
    /// when the caller expects none (an insert first). Later attempts always read the table.
    /// </summary>
    public Func<CancellationToken, ValueTask<TableEntity?>>? FirstRead { get; init; }

    /// <summary>
    /// Writes the decided entity in place of the default add-or-replace (e.g. inside an entity-group transaction with
    /// other rows); gets the row as read (null: absent) and returns the new ETag when it knows it. A lost race must
    /// surface as a <see cref="RequestFailedException"/> with status 409, 412 or 404.
    /// </summary>
    public Func<TableEntity?, ITableEntity, CancellationToken, Task<ETag?>>? Write { get; init; }
}
