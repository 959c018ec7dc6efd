using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.Processing;

/// <summary>
/// A circuit breaker per processor ("square", "stripe", "stripe_platform") whose state lives in Table Storage
/// (table <see cref="StorageNames.ProcessorHealth"/>, PartitionKey "processor", RowKey the processor), so every
/// instance opens and closes the same circuit.
/// <list type="bullet">
/// <item>Callers record only failures that are the processor's fault (timeouts, 5xx, connection errors); a card
/// decline is a success of the processor.</item>
/// <item>Failures are counted in a sliding window: <see cref="ProcessorHealthOptions.FailureThreshold"/> failures within
/// <see cref="ProcessorHealthOptions.FailureWindow"/> open the circuit for <see cref="ProcessorHealthOptions.OpenDuration"/>,
/// whether or not successes came between them. After that it is half-open: one trial call is allowed; its success
/// closes the circuit, its failure re-opens it.</item>
/// <item>A success while closed with no consecutive failures writes nothing; a success while open (a call that
/// started before the circuit opened) changes nothing either. Every write is guarded by the row's ETag and retried
/// on 412/409, so concurrent instances never lose a failure.</item>
/// <item>Reads are cached per instance for <see cref="ProcessorHealthOptions.CacheDuration"/> so that routing a burst
/// of payments does not read the table each time; this instance's writes refresh its cache at once.</item>
/// </list>
/// </summary>
public sealed class ProcessorHealth : IProcessorHealth
{
    public const string Partition = "processor";

    private readonly StorageAccount _storage;
    private readonly TimeProvider _clock;
    private readonly ProcessorHealthOptions _options;
    // Every instance records outcomes on the same row: allow many lost races before giving up.
    private static readonly OptimisticUpdateOptions Contended = new() { MaxAttempts = 50 };
    private readonly IMemoryCache _cache;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>How long an instance remembers a circuit row it read or wrote, as the first guess of its next update.</summary>
    public static readonly TimeSpan RememberRowFor = TimeSpan.FromMinutes(10);

    /// <summary>How many circuit rows an instance keeps at most (a few processors; room for tests' throwaway ones).</summary>
    public const long MaxCachedRows = 1_000;

    public ProcessorHealth(StorageAccount storage, TimeProvider clock,
        [FromKeyedServices(InstanceCaches.ProcessorHealth)] IMemoryCache cache, ProcessorHealthOptions? options = null)
    {
        _storage = storage;
        _clock = clock;
        _cache = cache;
        _options = options ?? ProcessorHealthOptions.Default;
        if (_options.FailureThreshold < 1) throw new ArgumentOutOfRangeException(nameof(options), "FailureThreshold must be at least 1.");
    }

    public ProcessorHealthOptions Options => _options;

    public async Task<ProcessorCircuit> GetAsync(string processor, CancellationToken cancellationToken = default)
    {
        var row = await ReadAsync(processor, cachedOk: true, cancellationToken);
        return row.ToCircuit(_clock.GetUtcNow());
    }

    public async Task<(bool Available, string? Reason)> IsAvailableAsync(string processor, CancellationToken cancellationToken = default)
    {
        var row = await ReadAsync(processor, cachedOk: true, cancellationToken);
        var now = _clock.GetUtcNow();
        return row.RefusalReason(now) is { } reason ? (false, reason) : (true, null);
    }

    public async Task<(bool Allowed, string? Reason)> TryAcquireCallAsync(string processor, CancellationToken cancellationToken = default)
    {
        var row = await ReadAsync(processor, cachedOk: true, cancellationToken);
        var now = _clock.GetUtcNow();
        if (row.StateAt(now) != CircuitState.HalfOpen || row.RefusalReason(now) is not null)
            return row.RefusalReason(now) is { } reason ? (false, reason) : (true, null);

        // Half-open and no trial running: claim the trial. Exactly one claim wins the row's ETag.
        var claimed = false;
        string? refusal = null;
        await UpdateAsync(processor, (current, at) =>
        {
            claimed = false;
            refusal = current.RefusalReason(at);
            if (refusal is not null || current.StateAt(at) != CircuitState.HalfOpen) return null;
            claimed = true;
            return current with { TrialUntil = at + _options.TrialLease };
        }, cancellationToken);
        return claimed ? (true, null) : refusal is null ? (true, null) : (false, refusal);
    }

    public async Task<ProcessorCircuit> RecordSuccessAsync(string processor, CancellationToken cancellationToken = default)
    {
        // The common case costs no write and, within the cache period, no read.
        var known = await ReadAsync(processor, cachedOk: true, cancellationToken);
        if (known.IsCleanClosed) return known.ToCircuit(_clock.GetUtcNow());
        var row = await UpdateAsync(processor, (current, at) => current.StateAt(at) switch
        {
            CircuitState.Closed when current.ConsecutiveFailures == 0 => null,
            // The failures stay in the sliding window: the circuit opens on failures within the window, interleaved or not.
            CircuitState.Closed => current with { ConsecutiveFailures = 0, LastCheckedAt = at },
            CircuitState.HalfOpen => current with
            {
                State = CircuitState.Closed,
                ConsecutiveFailures = 0,
                RecentFailures = [],
                OpenUntil = null,
                TrialUntil = null,
                LastCheckedAt = at,
            },
            // Open: a call that started before the circuit opened; it does not shorten the open period.
            _ => null,
        }, cancellationToken);
        return row.ToCircuit(_clock.GetUtcNow());
    }

    public async Task<ProcessorCircuit> RecordFailureAsync(string processor, string reason, CancellationToken cancellationToken = default)
    {
        var row = await UpdateAsync(processor, (current, at) =>
        {
            var failures = current.ConsecutiveFailures + 1;
            switch (current.StateAt(at))
            {
                case CircuitState.HalfOpen:
                    return Opened(current, failures, reason, at);
                case CircuitState.Open:
                    // Calls that were already under way when it opened: counted, the open period unchanged.
                    return current with { ConsecutiveFailures = failures, LastError = reason, LastCheckedAt = at };
                default:
                    var windowStart = at - _options.FailureWindow;
                    var recent = current.RecentFailures.Where(t => t > windowStart).Append(at)
                        .TakeLast(_options.FailureThreshold).ToArray();
                    return recent.Length >= _options.FailureThreshold
                        ? Opened(current, failures, reason, at)
                        : current with { ConsecutiveFailures = failures, RecentFailures = recent, LastError = reason, LastCheckedAt = at };
            }
        }, cancellationToken);
        return row.ToCircuit(_clock.GetUtcNow());
    }

    /// <summary>The circuit opened by this failure: no calls until <see cref="ProcessorHealthOptions.OpenDuration"/> has passed.</summary>
    private HealthRow Opened(HealthRow current, int failures, string reason, DateTimeOffset at) => current with
    {
        State = CircuitState.Open,
        ConsecutiveFailures = failures,
        OpenUntil = at + _options.OpenDuration,
        TrialUntil = null,
        RecentFailures = [],
        LastError = reason,
        LastCheckedAt = at,
    };

    private async Task<HealthRow> ReadAsync(string processor, bool cachedOk, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (cachedOk && _cache.TryGetValue(processor, out Cached? cached) && now - cached!.ReadAt < _options.CacheDuration)
            return cached.Row;
        var table = _storage.Table(_storage.Names.ProcessorHealth);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, processor, cancellationToken: cancellationToken);
        var row = response.HasValue ? HealthRow.From(response.Value!) : HealthRow.Missing;
        _cache.Keep(processor, new Cached(row, now), RememberRowFor);
        return row;
    }

    /// <summary>
    /// Applies <paramref name="change"/> (null: nothing to write) to the current row with ETag concurrency. The first
    /// attempt uses this instance's last known row and ETag, whatever its age; a conflict re-reads the table.
    /// </summary>
    private async Task<HealthRow> UpdateAsync(string processor, Func<HealthRow, DateTimeOffset, HealthRow?> change, CancellationToken cancellationToken)
    {
        var table = _storage.Table(_storage.Names.ProcessorHealth);
        // One writer per processor in this instance: local callers queue here instead of colliding on the ETag.
        var gate = _gates.GetOrAdd(processor, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // The first attempt trusts this instance's last known row, whatever its age; when another instance wrote
            // first, the helper reads the table and the change is applied to that row.
            var options = _cache.TryGetValue(processor, out Cached? cached)
                ? Contended with { FirstRead = _ => ValueTask.FromResult(cached!.Row.Stored(processor)) }
                : Contended;
            var now = _clock.GetUtcNow();
            TableEntity? written = null;
            var decisions = 0;
            var row = await table.UpdateAsync(Partition, processor, found =>
            {
                decisions++;
                var current = found is null ? HealthRow.Missing : HealthRow.From(found);
                now = _clock.GetUtcNow();
                written = change(current, now)?.ToEntity(processor);
                return written is null ? EntityChanges.Keep(current) : EntityChanges.Write(written, HealthRow.From(written));
            }, cancellationToken, options);
            // The helper gave the written entity its new ETag.
            if (written is not null) row = row with { ETag = written.ETag };
            // A row read from the table or written is fresh; a cached row left unchanged keeps its age.
            if (written is not null || cached is null || decisions > 1) _cache.Keep(processor, new Cached(row, now), RememberRowFor);
            return row;
        }
        finally
        {
            gate.Release();
        }
    }

    private sealed record Cached(HealthRow Row, DateTimeOffset ReadAt);

    /// <summary>
    /// The stored row. Only Closed and Open are stored; half-open is Open past <see cref="OpenUntil"/>.
    /// <see cref="RecentFailures"/> holds the failure times still inside the window (at most the threshold);
    /// <see cref="TrialUntil"/> is the claim of the half-open trial call.
    /// </summary>
    private sealed record HealthRow(
        ETag? ETag,
        CircuitState State,
        int ConsecutiveFailures,
        DateTimeOffset[] RecentFailures,
        DateTimeOffset? OpenUntil,
        DateTimeOffset? TrialUntil,
        string? LastError,
        DateTimeOffset? LastCheckedAt)
    {
        public static readonly HealthRow Missing = new(null, CircuitState.Closed, 0, [], null, null, null, null);

        public bool IsCleanClosed => State == CircuitState.Closed && ConsecutiveFailures == 0;

        public CircuitState StateAt(DateTimeOffset now) =>
            State != CircuitState.Open ? CircuitState.Closed
            : OpenUntil is { } until && until > now ? CircuitState.Open
            : CircuitState.HalfOpen;

        public string? RefusalReason(DateTimeOffset now) => StateAt(now) switch
        {
            CircuitState.Open =>
                $"circuit open until {OpenUntil!.Value.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}Z after {ConsecutiveFailures} failure{(ConsecutiveFailures == 1 ? "" : "s")}{(LastError is null ? "" : ": " + LastError)}",
            CircuitState.HalfOpen when TrialUntil is { } trial && trial > now =>
                $"circuit half-open: a trial call is in progress (last error: {LastError ?? "unknown"})",
            _ => null,
        };

        public ProcessorCircuit ToCircuit(DateTimeOffset now)
        {
            var state = StateAt(now);
            return new ProcessorCircuit(state, ConsecutiveFailures, state == CircuitState.Closed ? null : OpenUntil, LastError, LastCheckedAt);
        }

        /// <summary>The row as last read or written, with its ETag; null when it is known to be absent.</summary>
        public TableEntity? Stored(string processor)
        {
            if (ETag is not { } etag) return null;
            var entity = ToEntity(processor);
            entity.ETag = etag;
            return entity;
        }

        public TableEntity ToEntity(string processor)
        {
            var entity = new TableEntity(Partition, processor)
            {
                ["State"] = State == CircuitState.Open ? "open" : "closed",
                ["ConsecutiveFailures"] = ConsecutiveFailures,
                ["RecentFailures"] = string.Join(",", RecentFailures.Select(t => t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))),
            };
            // Absent rather than null: a replace removes what is not written.
            if (OpenUntil is { } openUntil) entity["OpenUntil"] = openUntil;
            if (TrialUntil is { } trialUntil) entity["TrialUntil"] = trialUntil;
            // Table Storage caps a string property at 32 K characters; an error message never needs that much.
            if (LastError is { } error) entity["LastError"] = error.Length > 1000 ? error[..1000] : error;
            if (LastCheckedAt is { } checkedAt) entity["LastCheckedAt"] = checkedAt;
            return entity;
        }

        public static HealthRow From(TableEntity entity) => new(
            entity.ETag,
            entity.GetString("State") == "open" ? CircuitState.Open : CircuitState.Closed,
            entity.GetInt32("ConsecutiveFailures") ?? 0,
            (entity.GetString("RecentFailures") ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(ms => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture)))
                .ToArray(),
            entity.GetDateTimeOffset("OpenUntil"),
            entity.GetDateTimeOffset("TrialUntil"),
            entity.GetString("LastError"),
            entity.GetDateTimeOffset("LastCheckedAt"));
    }
}
