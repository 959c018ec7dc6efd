using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace BookedBarber.Payments.Storage;

/// <summary>
/// Public integer ids, allocated in blocks (hi/lo) from a counter entity updated with ETag concurrency,
/// so each instance touches the counter once per block instead of once per id.
/// </summary>
public sealed class IdAllocator(StorageAccount storage, int blockSize = 20)
{
    private const string Partition = "ids";
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

    private async Task<(long Start, long End)> ReserveAsync(string sequence, CancellationToken cancellationToken)
    {
        var table = storage.Table(storage.Names.Ids);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, sequence, cancellationToken: cancellationToken);
                if (!existing.HasValue)
                {
                    await table.AddEntityAsync(new TableEntity(Partition, sequence) { ["Next"] = 1L + blockSize }, cancellationToken);
                    return (1, 1 + blockSize);
                }
                var counter = existing.Value!;
                var start = counter.GetInt64("Next") ?? 1;
                counter["Next"] = start + blockSize;
                await table.UpdateEntityAsync(counter, counter.ETag, TableUpdateMode.Replace, cancellationToken);
                return (start, start + blockSize);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 50)
            {
                // Another instance reserved a block first; read the counter again.
                await Task.Delay(Random.Shared.Next(1, 10 + attempt * 5), cancellationToken);
            }
        }
    }

    private sealed class Block
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public long Next;
        public long End;
    }
}
