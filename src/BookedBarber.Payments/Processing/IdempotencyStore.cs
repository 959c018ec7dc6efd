using BookedBarber.Payments.Errors;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BookedBarber.Payments.Processing;

/// <summary>
/// <c>Idempotency-Key</c> semantics as Stripe has them: a key is remembered for 24 hours per caller; a retry with the
/// same request gets the first response back (whatever its status); the same key with a different request is a 409
/// <c>IDEMPOTENCY_KEY_REUSED</c>; a retry while the first attempt is still running is a 409 <c>IDEMPOTENCY_KEY_IN_USE</c>.
/// An attempt that has held its key longer than <see cref="Lease"/> without completing is taken to have crashed,
/// and the next retry takes the key over; that retry runs with the same <see cref="IdempotencyClaim.DerivedKey"/>, so the
/// processors' own idempotency keeps it from charging twice.
/// </summary>
/// <remarks>
/// One row per (scope, key) in the idempotency table, in its own partition: PartitionKey is the SHA-256 (hex) of
/// scope and key, so any characters are safe and writes spread; RowKey is "key". Every change is conditional: the
/// first claim is an insert, every later change is guarded by the row's ETag.
/// </remarks>
public sealed class IdempotencyStore(StorageAccount storage, TimeProvider clock, ILogger<IdempotencyStore>? logger = null)
{
    public const int MaxKeyLength = 255;
    public const string HeaderName = "Idempotency-Key";
    public const string RowKey = "key";

    /// <summary>How long a key is remembered, from its first use.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>How long an attempt may hold a key before a retry may take it over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private const string InFlight = "in_flight";
    private const string Completed = "completed";

    // A string property holds at most 32K UTF-16 characters and a binary one 64 KiB; a body is stored as UTF-8 in
    // binary chunks so any body below the entity's 1 MiB limit fits.
    private const int ChunkBytes = 64_000;
    private const int MaxChunks = 14;

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    private TableClient Table => storage.Table(storage.Names.Idempotency);

    /// <summary>SHA-256 (lowercase hex) of the request's canonical serialization.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> canonicalBody) => Convert.ToHexStringLower(SHA256.HashData(canonicalBody));

    /// <summary>Throws a 400 <c>VALIDATION_ERROR</c> naming the header unless the key is 1–255 printable ASCII characters.</summary>
    public static void ValidateKey(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
            throw DomainException.Validation(HeaderName, $"{HeaderName} must be 1 to {MaxKeyLength} characters long.");
        foreach (var c in key)
        {
            if (c is < ' ' or > '~')
                throw DomainException.Validation(HeaderName, $"{HeaderName} must contain printable ASCII characters only.");
        }
        if (string.IsNullOrWhiteSpace(key))
            throw DomainException.Validation(HeaderName, $"{HeaderName} must not be blank.");
    }

    /// <summary>
    /// Claims <paramref name="key"/> for this request, or returns the response the same request already got
    /// (<see cref="IdempotencyClaim.Replay"/>). Throws 400 for a malformed key, 409 <c>IDEMPOTENCY_KEY_REUSED</c> when the
    /// key was used with a different request and 409 <c>IDEMPOTENCY_KEY_IN_USE</c> while another attempt holds it.
    /// </summary>
    /// <param name="subject">
    /// What this request is about to record (e.g. a ledger attempt), kept with the claim. A request that succeeds may then
    /// skip <see cref="CompleteAsync"/>: a retry asks <paramref name="outcomeOf"/> about the subject, and a non-null answer
    /// is the response it replays.
    /// </param>
    /// <param name="outcomeOf">The response a claimed subject settled with, or null while it has not (or has no response of its own).</param>
    public async Task<IdempotencyClaim> BeginAsync(string scope, string key, string requestFingerprint, CancellationToken cancellationToken,
        string? subject = null, Func<string, CancellationToken, Task<(int Status, string Body)?>>? outcomeOf = null)
    {
        ValidateKey(key);
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentException.ThrowIfNullOrEmpty(requestFingerprint);
        var partition = Partition(scope, key);

        // The first pass inserts without reading; each pass either decides or loses a race to a writer that changed
        // the row, and a few passes settle it.
        DateTimeOffset? takenOverFrom = null;
        (TableEntity? Written, IdempotencyClaim? Decided) outcome;
        try
        {
            outcome = await Table.UpdateAsync(partition, RowKey, async (existing, ct) =>
            {
                var now = clock.GetUtcNow();
                takenOverFrom = null;
                if (existing is null || existing.GetDateTimeOffset("ExpiresAt") is not { } expiresAt || expiresAt <= now)
                {
                    // Free, or forgotten: a new request under an old key.
                    var fresh = NewRecord(partition, scope, key, requestFingerprint, now, subject);
                    return EntityChanges.Write(fresh, ((TableEntity?)fresh, (IdempotencyClaim?)null));
                }

                if (!string.Equals(existing.GetString("Fingerprint"), requestFingerprint, StringComparison.Ordinal))
                {
                    throw new DomainException(ErrorCodes.IdempotencyKeyReused,
                        $"This {HeaderName} was already used with a different request; use a new key for a new request.",
                        new Dictionary<string, object?> { ["header"] = HeaderName });
                }

                if (existing.GetString("State") == Completed)
                {
                    var replay = (existing.GetInt32("Status") ?? 500, ReadBody(existing));
                    return EntityChanges.Keep<(TableEntity?, IdempotencyClaim?)>((null, new IdempotencyClaim(scope, key, requestFingerprint, existing.ETag, replay, DerivedKeyOf(existing, scope, key))));
                }

                if (outcomeOf is not null && existing.GetString("Subject") is { } claimedSubject
                    && await outcomeOf(claimedSubject, ct) is { } settled)
                    return EntityChanges.Keep<(TableEntity?, IdempotencyClaim?)>((null, new IdempotencyClaim(scope, key, requestFingerprint, existing.ETag, settled, DerivedKeyOf(existing, scope, key))));

                var lockedAt = existing.GetDateTimeOffset("LockedAt") ?? existing.GetDateTimeOffset("CreatedAt") ?? now;
                if (now - lockedAt < Lease)
                    throw InUse();

                // The attempt holding the key has gone quiet for longer than the lease: take it over, keeping the
                // record's identity (created, expires, derived key) so the processors see the same request again.
                existing["LockedAt"] = now;
                existing["Subject"] = subject;
                takenOverFrom = lockedAt;
                return EntityChanges.Write(existing, ((TableEntity?)existing, (IdempotencyClaim?)null));
            }, cancellationToken, new OptimisticUpdateOptions { MaxAttempts = 5, FirstRead = _ => ValueTask.FromResult<TableEntity?>(null) });
        }
        catch (OptimisticConcurrencyException)
        {
            throw InUse();
        }

        if (outcome.Decided is { } decided) return decided;
        if (takenOverFrom is { } since)
            _logger.LogWarning("Idempotency key of {Scope} taken over after a lease held since {LockedAt}", scope, since);
        return Claim(scope, key, requestFingerprint, outcome.Written!);
    }

    /// <summary>
    /// Stores the response of the claimed request, so retries get it back. Returns false (and stores nothing) when the
    /// claim was lost meanwhile — another attempt took over the lease, or the record is gone — in which case whoever
    /// holds the key now records the outcome.
    /// </summary>
    public async Task<bool> CompleteAsync(IdempotencyClaim claim, int statusCode, string jsonBody, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(jsonBody);
        if (claim.IsReplay) throw new InvalidOperationException("A replayed claim has nothing to complete.");
        var record = new TableEntity(Partition(claim.Scope, claim.Key), RowKey)
        {
            ["State"] = Completed,
            ["Status"] = statusCode,
            ["CompletedAt"] = clock.GetUtcNow(),
        };
        WriteBody(record, jsonBody);
        try
        {
            // Merge: the record's identity (fingerprint, created, expires, derived key) stays as claimed.
            await Table.UpdateEntityAsync(record, claim.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            _logger.LogWarning("Idempotency key of {Scope} changed hands before its response ({Status}) was stored", claim.Scope, statusCode);
            return false;
        }
    }

    /// <summary>
    /// Forgets the claimed key, so it can be used again: for a request refused before anything was charged (bad
    /// parameters are not remembered). Does nothing when the claim was lost meanwhile.
    /// </summary>
    public async Task AbandonAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.IsReplay) return;
        try
        {
            await Table.DeleteEntityAsync(Partition(claim.Scope, claim.Key), RowKey, claim.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Gone already, or another attempt holds it now: theirs to finish.
        }
    }

    /// <summary>Deletes records that expired before <paramref name="now"/>; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var filter = TableClient.CreateQueryFilter($"ExpiresAt lt {now}");
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, maxPerPage: 200, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).AsPages())
        {
            var results = await Task.WhenAll(page.Values.Select(async entity =>
            {
                try
                {
                    // The row's ETag: a record replaced since the query (a new request under the key) stays.
                    await Table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken);
                    return 1;
                }
                catch (RequestFailedException ex) when (ex.Status is 404 or 412)
                {
                    return 0;
                }
            }));
            deleted += results.Sum();
        }
        return deleted;
    }

    // A separator that a key (printable ASCII) cannot contain keeps (scope, key) pairs distinct.
    internal static string Partition(string scope, string key) => Hex(SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}\n{key}")));

    // Tied to the record's creation time as well as to scope and key: stable across retries and lease take-overs,
    // different for a request that reuses the key after the record expired (processors may still remember it).
    internal static string DeriveKey(string scope, string key, DateTimeOffset createdAt) =>
        Hex(SHA256.HashData(Encoding.UTF8.GetBytes($"derived\n{createdAt.UtcTicks}\n{scope}\n{key}")))[..32];

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    private static TableEntity NewRecord(string partition, string scope, string key, string fingerprint, DateTimeOffset now, string? subject) => new(partition, RowKey)
    {
        ["Subject"] = subject,
        ["Scope"] = scope,
        ["Key"] = key,
        ["Fingerprint"] = fingerprint,
        ["State"] = InFlight,
        ["CreatedAt"] = now,
        ["LockedAt"] = now,
        ["ExpiresAt"] = now + Retention,
        ["DerivedKey"] = DeriveKey(scope, key, now),
    };

    // The helper gave the written record its new ETag.
    private static IdempotencyClaim Claim(string scope, string key, string fingerprint, TableEntity record) =>
        new(scope, key, fingerprint, record.ETag == default ? throw new InvalidOperationException("Table Storage returned no ETag.") : record.ETag, null, DerivedKeyOf(record, scope, key));

    private static string DerivedKeyOf(TableEntity record, string scope, string key) =>
        record.GetString("DerivedKey") ?? DeriveKey(scope, key, record.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.UnixEpoch);

    private static void WriteBody(TableEntity record, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var chunks = (bytes.Length + ChunkBytes - 1) / ChunkBytes;
        if (chunks > MaxChunks)
            throw new InvalidOperationException($"A response of {bytes.Length} bytes is too large to keep for replay.");
        record["BodyChunks"] = chunks;
        for (var i = 0; i < chunks; i++)
            record[$"Body{i}"] = bytes.AsSpan(i * ChunkBytes, Math.Min(ChunkBytes, bytes.Length - i * ChunkBytes)).ToArray();
    }

    private static string ReadBody(TableEntity record)
    {
        var chunks = record.GetInt32("BodyChunks") ?? 0;
        var bytes = new List<byte>();
        for (var i = 0; i < chunks; i++) bytes.AddRange(record.GetBinary($"Body{i}") ?? []);
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static DomainException InUse() => new(ErrorCodes.IdempotencyKeyInUse,
        $"A request with this {HeaderName} is still being processed; retry later.",
        new Dictionary<string, object?> { ["header"] = HeaderName });
}
