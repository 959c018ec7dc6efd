using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace BookedBarber.Payments.Storage;

/// <summary>
/// The small global table that finds a barber's ledger partition from a public integer id (connection,
/// transaction, collection) and enforces uniqueness across barbers (processor + external transaction id;
/// barber + processor + account). Entries are only ever added, so a claim is a single conditional insert.
/// </summary>
public sealed class GlobalLookup(StorageAccount storage)
{
    private TableClient Table => storage.Table(storage.Names.Lookups);

    /// <summary>Records that <paramref name="key"/> of <paramref name="kind"/> is <paramref name="entry"/>'s. Returns the entry that holds it: this one, or whichever claimed it first.</summary>
    public async Task<LookupEntry> ClaimAsync(string kind, string key, LookupEntry entry, CancellationToken cancellationToken)
    {
        var claim = new TableEntity(Partition(kind, key), RowKey(key)) { ["BarberId"] = entry.BarberId, ["ObjectId"] = entry.ObjectId, ["Row"] = entry.Row, ["Key"] = key };
        if (await Table.TryAddEntityAsync(claim, cancellationToken)) return entry;
        return await FindAsync(kind, key, cancellationToken)
            ?? throw new InvalidOperationException($"Lookup {kind}/{key} exists but cannot be read.");
    }

    /// <summary>
    /// Claims many keys (of one or several kinds) at once: one entity-group transaction per lookup partition (≤ 100
    /// each), all partitions in parallel, and, when a batch conflicts (some key was claimed before), each of its keys one
    /// by one. Returns, per kind and key, the entry that holds it.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string Kind, string Key), LookupEntry>> ClaimManyAsync(
        IReadOnlyList<(string Kind, string Key, LookupEntry Entry)> claims, CancellationToken cancellationToken)
    {
        var holders = new System.Collections.Concurrent.ConcurrentDictionary<(string, string), LookupEntry>();
        var batches = claims.GroupBy(c => Partition(c.Kind, c.Key)).SelectMany(group => group.Chunk(100));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = ClaimParallelism, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            var actions = batch.Select(c => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition(c.Kind, c.Key), RowKey(c.Key))
            {
                ["BarberId"] = c.Entry.BarberId, ["ObjectId"] = c.Entry.ObjectId, ["Row"] = c.Entry.Row, ["Key"] = c.Key,
            })).ToList();
            try
            {
                await Table.SubmitTransactionAsync(actions, ct);
                foreach (var (kind, key, entry) in batch) holders[(kind, key)] = entry;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                // One key of the batch was claimed before (a retried page, a payment seen by a webhook): nothing of the
                // batch was written, so claim each key alone and learn who holds the taken ones.
                foreach (var (kind, key, entry) in batch) holders[(kind, key)] = await ClaimAsync(kind, key, entry, ct);
            }
        });
        return holders;
    }

    /// <summary>Lookup partitions claimed at once by <see cref="ClaimManyAsync"/>.</summary>
    public const int ClaimParallelism = 8;

    public Task<LookupEntry> ClaimAsync(string kind, long id, int barberId, CancellationToken cancellationToken) =>
        ClaimAsync(kind, id.ToString(CultureInfo.InvariantCulture), new LookupEntry(barberId, id), cancellationToken);

    /// <summary>Whose the key is, or null when nobody claimed it.</summary>
    public async Task<LookupEntry?> FindAsync(string kind, string key, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(kind, key), RowKey(key), select: ["BarberId", "ObjectId", "Row"], cancellationToken: cancellationToken);
        return found.HasValue ? new LookupEntry(found.Value!.GetInt32("BarberId") ?? 0, found.Value.GetInt64("ObjectId"), found.Value.GetString("Row")) : null;
    }

    public async Task<int?> FindBarberAsync(string kind, long id, CancellationToken cancellationToken) =>
        (await FindAsync(kind, id.ToString(CultureInfo.InvariantCulture), cancellationToken))?.BarberId;

    /// <summary>Every claim of a kind, with its key (for sweeps over a small kind, such as payments awaiting reconciliation).</summary>
    public async IAsyncEnumerable<(string Key, LookupEntry Entry)> ListAsync(string kind, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var shard = 0; shard < Shards; shard++)
        {
            var partition = $"{kind}-{shard:D2}";
            await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
                yield return (e.GetString("Key") ?? e.RowKey, new LookupEntry(e.GetInt32("BarberId") ?? 0, e.GetInt64("ObjectId"), e.GetString("Row")));
        }
    }

    /// <summary>Removes a claim (a deleted connection frees its account for a new one).</summary>
    public async Task ReleaseAsync(string kind, string key, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(Partition(kind, key), RowKey(key), ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already released.
        }
    }

    private const int Shards = 16;

    // Spread one kind over 16 partitions so no single partition takes every lookup of that kind.
    private static string Partition(string kind, string key) => $"{kind}-{(uint)StableHash(key) % Shards:D2}";

    // Keys may hold characters Table Storage forbids in keys ('/', '\\', '#', '?'); hex-encode those.
    private static string RowKey(string key) =>
        key.IndexOfAny(['/', '\\', '#', '?']) < 0 && key.All(c => !char.IsControl(c)) ? key : Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(key));

    private static int StableHash(string key)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in key) hash = (hash ^ c) * 16777619;
            return hash;
        }
    }
}
