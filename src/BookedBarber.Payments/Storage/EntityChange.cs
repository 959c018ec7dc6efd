using Azure.Data.Tables;

namespace BookedBarber.Payments.Storage;

/// <summary>
/// What a change function of <see cref="OptimisticUpdate"/> decided: the row to write (null: write nothing) and what the
/// update returns. After a write, the entity carries its new ETag.
/// </summary>
public sealed record EntityChange<T>(ITableEntity? Entity, T Result);
