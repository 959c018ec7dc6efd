using System.Diagnostics;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Queues;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments.Sync;

/// <summary>
/// The one sync engine behind the manual endpoint, the hourly fan-out and webhooks' targeted refreshes. A run holds the
/// connection's lease, reads the processor's payments created in its window page by page (oldest first), lets the
/// reconciler decide each page's booking matches, and upserts the page (idempotent by processor + payment id). Its
/// window: from <c>since</c> when given; the whole history (<see cref="SyncOptions.MaxHistory"/>) when forced or never
/// synced; otherwise from the checkpoint less the re-scan window; a run left unfinished is resumed at its cursor first.
/// After each page it saves the cursor and renews the lease, so a crash or a stop loses nothing: the next run resumes,
/// and re-reading a page changes nothing.
/// </summary>
public sealed class TransactionSyncEngine(
    ExternalTransactionStore store,
    TransactionReconciler reconciler,
    SyncStateStore states,
    ConnectionStore connections,
    IEnumerable<IPaymentSource> sources,
    QueueSender queues,
    SyncOptions options,
    TimeProvider clock,
    ILogger<TransactionSyncEngine> logger)
{
    /// <summary>
    /// Syncs a window of the connection's payments. <paramref name="bounded"/> (a request waiting): after
    /// <see cref="SyncOptions.RequestPageBudget"/> pages or <see cref="SyncOptions.RequestTimeBudget"/> the run stops and
    /// queues its continuation. 409 CONFLICT when another run holds the connection.
    /// </summary>
    public async Task<SyncOutcome> RunAsync(ProcessorConnection connection, DateTimeOffset? since, bool force, bool bounded, CancellationToken cancellationToken)
    {
        var source = SourceFor(connection);
        var started = clock.GetUtcNow();
        var owner = Guid.NewGuid().ToString("N");
        var (acquired, state) = await states.TryAcquireAsync(connection.BarberId, connection.Id, owner, started, options.LeaseDuration, cancellationToken);
        if (!acquired) throw Busy(connection, state);

        var completed = false;
        try
        {
            DateTimeOffset begin, end;
            string? cursor = null;
            if (since is null && !force && state.Unfinished)
            {
                (begin, end, cursor) = (state.RunBegin!.Value, state.RunEnd!.Value, state.Cursor);
            }
            else
            {
                end = started;
                begin = since ?? (force || state.Checkpoint is not { } checkpoint ? started - options.MaxHistory : checkpoint - options.RescanWindow);
            }
            // A run that covers everything since the checkpoint (or the whole history) may move it; a `since` later than it may not.
            var movesCheckpoint = state.Checkpoint is { } known ? begin <= known : since is null;

            var stored = await store.LoadKnownAsync(connection.BarberId, begin, end, cancellationToken);
            var timer = Stopwatch.StartNew();
            int created = 0, updated = 0, unchanged = 0, errors = 0, pages = 0;
            // Pipelined: the next page is read from the processor while this one is stored, and the cursor after a page
            // is saved while the next is stored (it is saved only once its page is stored, so a crash re-reads at most).
            var reading = source.ReadPageAsync(connection, begin, end, cursor, cancellationToken);
            Task<bool>? saving = null;
            Task? recording = null;
            try
            {
                while (true)
                {
                    var page = await reading;
                    var stopping = bounded && pages + 1 >= options.RequestPageBudget;
                    if (page.NextCursor is { } next && !stopping) reading = source.ReadPageAsync(connection, begin, end, next, cancellationToken);
                    var decided = page.Transactions.Count == 0 ? page.Transactions : await reconciler.ReconcileAsync(connection.BarberId, page.Transactions, cancellationToken, stored);
                    var upserted = await store.UpsertAsync(decided, cancellationToken, stored, recordActivity: false);
                    if (recording is not null) await recording;
                    recording = RecordActivityAsync(upserted, cancellationToken);
                    (created, updated, unchanged, errors) = (created + upserted.New, updated + upserted.Updated, unchanged + upserted.Unchanged, errors + upserted.ClaimedElsewhere);
                    pages++;
                    if (saving is not null && !await saving)
                    {
                        // Our lease expired and another run took the connection: it resumes from what we saved; stop here.
                        logger.LogWarning("Sync of connection {ConnectionId} lost its lease after {Pages} pages", connection.Id, pages);
                        completed = true;
                        return new SyncOutcome(started, null, created, updated, unchanged, errors, pages, true);
                    }
                    cursor = page.NextCursor;
                    if (cursor is null) break;

                    saving = states.SaveProgressAsync(connection.BarberId, connection.Id, owner, begin, end, cursor, clock.GetUtcNow(), options.LeaseDuration, cancellationToken);
                    if (bounded && (stopping || timer.Elapsed >= options.RequestTimeBudget))
                    {
                        await recording;
                        if (!await saving) { completed = true; return new SyncOutcome(started, null, created, updated, unchanged, errors, pages, true); }
                        await states.ReleaseAsync(connection.BarberId, connection.Id, owner, cancellationToken);
                        completed = true;
                        await queues.SendAsync(SyncRequest.QueueName,
                            new SyncRequest(connection.BarberId, connection.Id, null, false, null, SyncTriggers.Continuation), cancellationToken);
                        return new SyncOutcome(started, null, created, updated, unchanged, errors, pages, true);
                    }
                }
            }
            finally
            {
                // Whatever is still in flight is observed, so a stop or failure leaves no unobserved task behind.
                await Task.WhenAll(new Task[] { reading, saving ?? Task.CompletedTask, recording ?? Task.CompletedTask }.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            }
            if (recording is not null) await recording; // its failure fails the run (the cursor is kept)

            var finished = clock.GetUtcNow();
            await states.CompleteAsync(connection.BarberId, connection.Id, owner, movesCheckpoint ? end : null, finished, cancellationToken);
            completed = true;
            await connections.RecordSyncAsync(connection.BarberId, connection.Id, finished, cancellationToken);
            logger.LogInformation("Synced connection {ConnectionId}: {Pages} pages, {New} new, {Updated} updated, {Unchanged} unchanged, {Errors} errors",
                connection.Id, pages, created, updated, unchanged, errors);
            return new SyncOutcome(started, finished, created, updated, unchanged, errors, pages, false);
        }
        finally
        {
            // A failure (processor down, storage) keeps the saved cursor for the next run and frees the connection now.
            if (!completed) await states.ReleaseAsync(connection.BarberId, connection.Id, owner, CancellationToken.None);
        }
    }

    // The page's change to the connection's totals, recorded while the next page is stored.
    private async Task RecordActivityAsync(UpsertOutcome upserted, CancellationToken cancellationToken)
    {
        foreach (var ((barberId, connectionId), change) in upserted.Activity)
            if (!change.IsEmpty) await connections.RecordActivityAsync(barberId, connectionId, change, cancellationToken);
    }

    /// <summary>Refreshes just the named processor payments (a webhook said they changed); needs no lease: upserts merge.</summary>
    public async Task<UpsertOutcome> RefreshAsync(ProcessorConnection connection, IReadOnlyList<string> paymentIds, CancellationToken cancellationToken)
    {
        var found = await SourceFor(connection).GetAsync(connection, paymentIds, cancellationToken);
        if (found.Count == 0) return UpsertOutcome.None;
        var decided = await reconciler.ReconcileAsync(connection.BarberId, found, cancellationToken);
        return await store.UpsertAsync(decided, cancellationToken);
    }

    private IPaymentSource SourceFor(ProcessorConnection connection) =>
        sources.LastOrDefault(s => s.ProcessorType == connection.ProcessorType)
        ?? throw DomainException.Validation("connection_id", $"Transactions of {connection.ProcessorType} connections cannot be synced.");

    private static DomainException Busy(ProcessorConnection connection, SyncState state) =>
        new(ErrorCodes.Conflict, "A sync of this connection is already running; it continues on its own.", new Dictionary<string, object?>
        {
            ["connection_id"] = connection.Id,
            ["sync_started_at"] = state.LeaseTakenAt,
            ["lease_expires_at"] = state.LeaseExpiresAt,
        });
}
