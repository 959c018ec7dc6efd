using BookedBarber.Payments.Errors;
using System.Globalization;
using Azure.Data.Tables;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.Connections;

/// <summary>
/// Barbers' processor connections and Stripe Connect accounts in their ledger partitions, found from a public
/// connection id through the global lookup, unique per barber + processor + account.
/// </summary>
public sealed class ConnectionStore(StorageAccount storage, IdAllocator ids, GlobalLookup lookup,
    [FromKeyedServices(InstanceCaches.WebhookTargets)] IMemoryCache webhookTargets)
{
    public const string IdSequence = "connection";
    public const string LookupKind = "connection";
    public const string AccountLookupKind = "connection-account";
    private const string RowPrefix = "conn-";
    private const string PlatformAccountRow = "stripe-connect";

    private TableClient Ledger => storage.Table(storage.Names.Ledger);

    /// <summary>A fresh connection id (for a connection whose webhook URL must name it before it is stored).</summary>
    public async Task<int> NextIdAsync(CancellationToken cancellationToken) => (int)await ids.NextAsync(IdSequence, cancellationToken);

    /// <summary>
    /// Stores a new connection (with a fresh id unless it carries one from <see cref="NextIdAsync"/>); 409 when the
    /// barber already has a live connection to this processor account.
    /// </summary>
    public async Task<ProcessorConnection> CreateAsync(ProcessorConnection connection, CancellationToken cancellationToken)
    {
        var id = connection.Id > 0 ? connection.Id : await NextIdAsync(cancellationToken);
        var created = connection with { Id = id };
        var accountKey = AccountKey(created);
        var holder = await lookup.ClaimAsync(AccountLookupKind, accountKey, new LookupEntry(created.BarberId, id), cancellationToken);
        if (holder.ObjectId != id)
            throw new DomainException(ErrorCodes.Conflict, "A connection for this processor account already exists.",
                new Dictionary<string, object?> { ["processor_type"] = created.ProcessorType, ["account_id"] = created.AccountId, ["connection_id"] = holder.ObjectId });
        await Ledger.AddEntityAsync(ToEntity(created), cancellationToken);
        await lookup.ClaimAsync(LookupKind, id, created.BarberId, cancellationToken);
        return created;
    }

    public async Task<ProcessorConnection?> GetAsync(int barberId, int connectionId, CancellationToken cancellationToken)
    {
        var found = await Ledger.GetEntityIfExistsAsync<TableEntity>(LedgerPartition.For(barberId), Row(connectionId), cancellationToken: cancellationToken);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    /// <summary>The barber a connection id belongs to, for routes that name only the connection.</summary>
    public Task<int?> FindBarberAsync(int connectionId, CancellationToken cancellationToken) => lookup.FindBarberAsync(LookupKind, connectionId, cancellationToken);

    /// <summary>Every connection id with its barber, from the global lookup (for sweeps that fan out per connection).</summary>
    public async IAsyncEnumerable<(int BarberId, int ConnectionId)> ListAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (_, entry) in lookup.ListAsync(LookupKind, cancellationToken)) if (entry.ObjectId is { } id) yield return (entry.BarberId, (int)id);
    }

    public async Task<IReadOnlyList<ProcessorConnection>> ListAsync(int barberId, CancellationToken cancellationToken)
    {
        var partition = LedgerPartition.For(barberId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {RowPrefix} and RowKey lt {"conn."}");
        var connections = new List<ProcessorConnection>();
        await foreach (var entity in Ledger.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) connections.Add(FromEntity(entity));
        return connections;
    }

    /// <summary>
    /// Adds a change of the connection's transactions to its totals (nothing when the connection is gone). Changes that
    /// arrive while this instance is writing the row are summed and written together next, so concurrent payments and
    /// syncs of one connection make one ETag-guarded write at a time instead of racing for the row; each caller returns
    /// once its change is stored (or sees the write's failure).
    /// </summary>
    public Task RecordActivityAsync(int barberId, int connectionId, ConnectionActivity change, CancellationToken cancellationToken)
    {
        var totals = _totals.GetOrAdd((barberId, connectionId), _ => new PendingTotals());
        lock (totals)
        {
            totals.Change = totals.Change.Plus(change);
            return totals.Next ??= WriteTotalsAsync(totals, barberId, connectionId);
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Barber, int Connection), PendingTotals> _totals = new();

    private sealed class PendingTotals
    {
        public readonly SemaphoreSlim Writer = new(1, 1);
        public ConnectionActivity Change = ConnectionActivity.None;
        public Task? Next;
    }

    private async Task WriteTotalsAsync(PendingTotals totals, int barberId, int connectionId)
    {
        // Never run on in the caller's lock: the caller must have stored this task as Next before it is taken.
        await Task.Yield();
        await totals.Writer.WaitAsync();
        try
        {
            ConnectionActivity change;
            lock (totals)
            {
                (change, totals.Change, totals.Next) = (totals.Change, ConnectionActivity.None, null);
            }
            if (change.IsEmpty) return;
            await Ledger.UpdateAsync(LedgerPartition.For(barberId), Row(connectionId), existing =>
            {
                if (existing is null) return EntityChanges.Keep(false);
                existing["TotalTransactions"] = Math.Max(0, (existing.GetInt32("TotalTransactions") ?? 0) + change.Transactions);
                existing["TotalVolumeMinor"] = (existing.GetInt64("TotalVolumeMinor") ?? 0) + change.VolumeMinor;
                if (change.LastTransactionAt is { } at && (existing.GetDateTimeOffset("LastTransactionAt") is not { } last || at > last))
                    existing["LastTransactionAt"] = at;
                return EntityChanges.Write(existing, true);
            }, CancellationToken.None);
        }
        finally
        {
            totals.Writer.Release();
        }
    }

    /// <summary>
    /// Changes a connection under its ETag: <paramref name="change"/> sees the stored connection (re-read after a lost
    /// race) and returns what to store, or null to leave it. Returns what was stored, or null when the connection is absent.
    /// Totals are carried from the row read, so a concurrent <see cref="RecordActivityAsync"/> is never lost.
    /// </summary>
    public async Task<ProcessorConnection?> UpdateAsync(int barberId, int connectionId, Func<ProcessorConnection, ProcessorConnection?> change, CancellationToken cancellationToken)
    {
        var stored = await Ledger.UpdateAsync(LedgerPartition.For(barberId), Row(connectionId), existing =>
        {
            if (existing is null) return EntityChanges.Keep<ProcessorConnection?>(null);
            var current = FromEntity(existing);
            if (change(current) is not { } next) return EntityChanges.Keep<ProcessorConnection?>(current);
            next = next with { Id = current.Id, BarberId = current.BarberId, TotalTransactions = current.TotalTransactions, TotalVolume = current.TotalVolume,
                LastTransactionAt = current.LastTransactionAt };
            var entity = ToEntity(next);
            // Keep properties other writers own (sync checkpoints and the like) that this record does not carry.
            foreach (var (key, value) in existing)
                if (!entity.ContainsKey(key)) entity[key] = value;
            entity.ETag = existing.ETag;
            return EntityChanges.Write<ProcessorConnection?>(entity, next);
        }, cancellationToken);
        // The webhook accept path keeps a connection's verification material (keyed by its id) for a while: a disconnect
        // or a new secret must count at once on this instance, not after the cache's 30 s.
        webhookTargets.Remove(connectionId);
        return stored;
    }

    /// <summary>Frees the barber + processor + account claim of a disconnected connection, so the account can be connected again.</summary>
    public Task ReleaseAccountAsync(ProcessorConnection connection, CancellationToken cancellationToken) =>
        lookup.ReleaseAsync(AccountLookupKind, AccountKey(connection), cancellationToken);

    /// <summary>
    /// A call to the connection's processor failed (sync, webhook registration, token refresh): counted in
    /// <c>recent_errors</c> until the next successful check; a token the processor called expired or revoked says so.
    /// </summary>
    public Task RecordProcessorErrorAsync(int barberId, int connectionId, DateTimeOffset at, string? tokenState, CancellationToken cancellationToken) =>
        UpdateAsync(barberId, connectionId, c => c with
        {
            RecentErrors = c.RecentErrors + 1,
            LastHealthCheckAt = at,
            TokenState = tokenState is TokenStates.Expired or TokenStates.Revoked ? tokenState : c.TokenState,
            // A token the processor will not take any more cannot take payments: routing skips a connection in error.
            Status = tokenState is TokenStates.Expired or TokenStates.Revoked && c.Status == ConnectionStatus.Connected ? ConnectionStatus.Error : c.Status,
        }, cancellationToken);

    /// <summary>
    /// A successful call to the processor with the connection's credentials: recent errors clear, the token's state and
    /// expiry are what it said, a connection in error is connected again.
    /// </summary>
    public Task RecordHealthCheckAsync(int barberId, int connectionId, DateTimeOffset at, DateTimeOffset? tokenExpiresAt, CancellationToken cancellationToken) =>
        UpdateAsync(barberId, connectionId, c => c with
        {
            RecentErrors = 0,
            LastHealthCheckAt = at,
            TokenExpiresAt = tokenExpiresAt ?? c.TokenExpiresAt,
            TokenState = TokenStates.Of(null, tokenExpiresAt ?? c.TokenExpiresAt, at),
            Status = c.Status == ConnectionStatus.Error ? ConnectionStatus.Connected : c.Status,
        }, cancellationToken);

    /// <summary>Sets the connection's last completed sync (never back in time; nothing when the connection is gone).</summary>
    public Task RecordSyncAsync(int barberId, int connectionId, DateTimeOffset at, CancellationToken cancellationToken) =>
        Ledger.UpdateAsync(LedgerPartition.For(barberId), Row(connectionId), existing =>
        {
            if (existing is null || existing.GetDateTimeOffset("LastSyncAt") >= at) return EntityChanges.Keep(false);
            existing["LastSyncAt"] = at;
            return EntityChanges.Write(existing, true);
        }, cancellationToken);

    /// <summary>
    /// What the processor last said of the account (Stripe <c>account.updated</c>): charges disabled puts a connected
    /// connection in <c>error</c>, enabled again brings it back. Older news than what is stored changes nothing; a
    /// disconnected connection stays so. True when written.
    /// </summary>
    public Task<bool> RecordAccountStateAsync(int barberId, int connectionId, bool chargesEnabled, DateTimeOffset observedAt, CancellationToken cancellationToken) =>
        Ledger.UpdateAsync(LedgerPartition.For(barberId), Row(connectionId), existing =>
        {
            if (existing is null || existing.GetString("Status") == ConnectionStatus.Disconnected
                || existing.GetDateTimeOffset("AccountStateAt") is { } known && known >= observedAt) return EntityChanges.Keep(false);
            var status = existing.GetString("Status");
            if (!chargesEnabled && status == ConnectionStatus.Connected) existing["Status"] = ConnectionStatus.Error;
            else if (chargesEnabled && status == ConnectionStatus.Error && existing.GetBoolean("ChargesEnabled") == false) existing["Status"] = ConnectionStatus.Connected;
            existing["ChargesEnabled"] = chargesEnabled;
            existing["AccountStateAt"] = observedAt;
            existing["LastHealthCheckAt"] = observedAt;
            return EntityChanges.Write(existing, true);
        }, cancellationToken);

    /// <summary>Stores the barber's Stripe Connect account if they have none yet. True when written.</summary>
    public Task<bool> AddPlatformAccountIfAbsentAsync(PlatformAccount account, CancellationToken cancellationToken) =>
        Ledger.TryAddEntityAsync(new TableEntity(LedgerPartition.For(account.BarberId), PlatformAccountRow)
        {
            ["StripeAccountId"] = account.StripeAccountId,
            ["ChargesEnabled"] = account.ChargesEnabled,
            ["ConnectedAt"] = account.ConnectedAt,
        }, cancellationToken);

    public async Task<PlatformAccount?> GetPlatformAccountAsync(int barberId, CancellationToken cancellationToken)
    {
        var found = await Ledger.GetEntityIfExistsAsync<TableEntity>(LedgerPartition.For(barberId), PlatformAccountRow, cancellationToken: cancellationToken);
        if (!found.HasValue) return null;
        var e = found.Value!;
        return new PlatformAccount(barberId, e.GetString("StripeAccountId")!, e.GetBoolean("ChargesEnabled") ?? false, e.GetDateTimeOffset("ConnectedAt") ?? default);
    }

    private static string AccountKey(ProcessorConnection c) => $"{c.BarberId}|{c.ProcessorType}|{c.AccountId}";

    private static string Row(int connectionId) => RowPrefix + connectionId.ToString("D10", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(ProcessorConnection c) => new(LedgerPartition.For(c.BarberId), Row(c.Id))
    {
        ["ConnectionId"] = c.Id,
        ["BarberId"] = c.BarberId,
        ["ProcessorType"] = c.ProcessorType,
        ["AccountId"] = c.AccountId,
        ["AccountName"] = c.AccountName,
        ["Status"] = c.Status,
        ["ProtectedCredentials"] = c.ProtectedCredentials,
        ["LocationId"] = c.LocationId,
        ["DefaultCurrency"] = c.DefaultCurrency,
        // Rates are kept as exact invariant text: Table Storage has no decimal type.
        ["FeeCardPresent"] = c.Fees.CardPresent.ToString(CultureInfo.InvariantCulture),
        ["FeeCardNotPresent"] = c.Fees.CardNotPresent.ToString(CultureInfo.InvariantCulture),
        // Fixed fees and volume are kept in minor units of the connection's currency (DefaultCurrency).
        ["FeePerTransactionMinor"] = c.Fees.PerTransaction.Minor,
        ["ConnectedAt"] = c.ConnectedAt,
        ["SupportsPayments"] = c.SupportsPayments,
        ["SupportsRefunds"] = c.SupportsRefunds,
        ["SupportsRecurring"] = c.SupportsRecurring,
        ["WebhookNotifications"] = c.WebhookNotifications,
        ["LastSyncAt"] = c.LastSyncAt,
        ["LastTransactionAt"] = c.LastTransactionAt,
        ["TotalTransactions"] = c.TotalTransactions,
        ["TotalVolumeMinor"] = c.TotalVolume?.Minor,
        ["DisconnectedAt"] = c.DisconnectedAt,
        ["ProtectedWebhookSecret"] = c.ProtectedWebhookSecret,
        ["WebhookSubscriptionId"] = c.WebhookSubscriptionId,
        ["WebhookUrl"] = c.WebhookUrl,
        ["TokenExpiresAt"] = c.TokenExpiresAt,
        ["TokenState"] = c.TokenState,
        ["LastHealthCheckAt"] = c.LastHealthCheckAt,
        ["RecentErrors"] = c.RecentErrors,
        ["UpdatedAt"] = c.UpdatedAt,
    };

    private static ProcessorConnection FromEntity(TableEntity e)
    {
        var currency = Currency.TryParse(e.GetString("DefaultCurrency"), out var known) ? known : Currency.Usd;
        return FromEntity(e, currency);
    }

    private static ProcessorConnection FromEntity(TableEntity e, Currency currency) => new(
        e.GetInt32("ConnectionId") ?? 0,
        e.GetInt32("BarberId") ?? 0,
        e.GetString("ProcessorType") ?? "",
        e.GetString("AccountId") ?? "",
        e.GetString("AccountName"),
        e.GetString("Status") ?? ConnectionStatus.Error,
        e.GetString("ProtectedCredentials") ?? "",
        e.GetString("LocationId"),
        e.GetString("DefaultCurrency") ?? "USD",
        new ProcessingFees(Rate(e, "FeeCardPresent"), Rate(e, "FeeCardNotPresent"), new Money(e.GetInt64("FeePerTransactionMinor") ?? 0, currency)),
        e.GetDateTimeOffset("ConnectedAt") ?? default,
        e.GetBoolean("SupportsPayments") ?? true,
        e.GetBoolean("SupportsRefunds") ?? true,
        e.GetBoolean("SupportsRecurring") ?? false,
        e.GetBoolean("WebhookNotifications") ?? true,
        e.GetDateTimeOffset("LastSyncAt"),
        e.GetDateTimeOffset("LastTransactionAt"),
        e.GetInt32("TotalTransactions") ?? 0,
        e.GetInt64("TotalVolumeMinor") is { } volume ? new Money(volume, currency) : null,
        e.GetDateTimeOffset("DisconnectedAt"),
        e.GetString("ProtectedWebhookSecret"),
        e.GetString("WebhookSubscriptionId"),
        e.GetString("WebhookUrl"),
        e.GetDateTimeOffset("TokenExpiresAt"),
        e.GetString("TokenState"),
        e.GetDateTimeOffset("LastHealthCheckAt"),
        e.GetInt32("RecentErrors") ?? 0,
        e.GetDateTimeOffset("UpdatedAt"));

    private static decimal Rate(TableEntity e, string name) =>
        decimal.TryParse(e.GetString(name), NumberStyles.Number, CultureInfo.InvariantCulture, out var rate) ? rate : 0m;
}
