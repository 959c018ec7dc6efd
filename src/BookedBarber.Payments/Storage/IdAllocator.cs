using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace BookedBarber.Payments.Storage;

/// <summary>
/// Public integer ids, allocated in blocks (hi/lo) from a counter entity updated with ETag concurrency,
/// so each instance touches the counter once per block instead of once per id.
/// </summary>
public sealed class IdAllocator(StorageAccount storage, int blockSize = 20)
{
    private const string Partition = "ids";
    // Every instance starts by reserving from the same counter: allow many lost races.
    private static readonly OptimisticUpdateOptions Contended = new() { MaxAttempts = 50 };
    private readonly ConcurrentDictionary<string, Block> _blocks = new();

    public async Task<long> NextAsync(string sequence, CancellationToken cancellationToken)
    {
        var block = _blocks.GetOrAdd(sequence, _ => new Block());
        await block.Gate.WaitAsync(cancellationToken);
        try
        {
            if (block.Next >= block.End) (block.Next, block.End) = await ReserveAsync(sequence, cancellationToken);
            return block.Next++;
        }
        finally
        {
            block.Gate.Release();
        }
    }

    /// <summary>
    /// <paramref name="count"/> fresh ids (a batch of new objects, e.g. a page of synced payments). Taken from this
    /// instance's block when it holds enough; otherwise one counter write reserves a large block
    /// (<see cref="LargeBlock"/> or more), so a sync of many pages touches the counter once per several pages. What
    /// remained of the previous block is skipped: unused ids are simply never shown.
    /// </summary>
    public async Task<IReadOnlyList<long>> NextManyAsync(string sequence, int count, CancellationToken cancellationToken)
    {
        if (count <= 0) return [];
        var block = _blocks.GetOrAdd(sequence, _ => new Block());
        await block.Gate.WaitAsync(cancellationToken);
        try
        {
            if (block.End - block.Next < count) (block.Next, block.End) = await ReserveAsync(sequence, cancellationToken, Math.Max(count, LargeBlock));
            var reserved = new long[count];
            for (var i = 0; i < count; i++) reserved[i] = block.Next++;
            return reserved;
        }
        finally
        {
            block.Gate.Release();
        }
    }

    /// <summary>The smallest block <see cref="NextManyAsync"/> reserves.</summary>
    public const int LargeBlock = 500;

    private Task<(long Start, long End)> ReserveAsync(string sequence, CancellationToken cancellationToken, int? size = null) =>
        storage.Table(storage.Names.Ids).UpdateAsync(Partition, sequence, counter =>
        {
            // Another instance reserving a block first makes the write lose; the helper reads the counter again.
            var start = counter?.GetInt64("Next") ?? 1;
            var end = start + (size ?? blockSize);
            return EntityChanges.Write(new TableEntity(Partition, sequence) { ["Next"] = end }, (start, end));
        }, cancellationToken, Contended);

    private sealed class Block
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public long Next;
        public long End;
    }
}
