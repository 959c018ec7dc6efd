using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.Analytics.Rollups;

/// <summary>Reads a <see cref="LedgerSnapshot"/> of a barber from storage, its parts in parallel.</summary>
public sealed class LedgerSnapshotReader(
    PaymentLedger ledger, ExternalTransactionStore transactions, CollectionStore collections, CommissionRateHistory rates, BookingDirectory bookings)
{
    // An outside transaction recorded for an attempt of ours is processed within seconds of it; a day either side finds
    // it even when the two fall on either side of a boundary.
    private static readonly TimeSpan RecordSlack = TimeSpan.FromDays(1);

    // Appointments are usually paid around their start; those further away are read one by one (in parallel). Kept narrow:
    // the index holds one row per appointment, so 45 days either side of today's payments was ~25,000 rows a dashboard
    // call for a barber with 100,000 payments a year (measured by ./bench.sh).
    private static readonly TimeSpan AppointmentSlack = TimeSpan.FromDays(2);

    /// <summary>
    /// Payments made in [from, to) (the whole history when null), with the claims of those transactions, every credit and
    /// collection of the barber, their commission rate history and the clients of the appointments paid.
    /// </summary>
    public async Task<LedgerSnapshot> ReadAsync(int barberId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var low = from ?? DateTimeOffset.MinValue;
        var high = to ?? DateTimeOffset.MaxValue;
        var attemptsRead = ledger.ListAsync(barberId, low, high, cancellationToken);
        var transactionsRead = ToListAsync(transactions.QueryAsync(barberId,
            from is { } f ? f - RecordSlack : null, to is { } t ? t + RecordSlack : null, cancellationToken));
        var ratesRead = rates.ReadAsync(barberId, cancellationToken);
        await Task.WhenAll(attemptsRead, transactionsRead, ratesRead);

        var attempts = attemptsRead.Result;
        // Transactions outside the span were read only to know which attempts they record.
        var nearby = transactionsRead.Result;
        var inSpan = nearby.Where(x => x.ProcessedAt >= low && x.ProcessedAt < high).ToList();
        var outside = new RecordedAttempts(nearby.Where(x => !(x.ProcessedAt >= low && x.ProcessedAt < high)));
        // An attempt recorded by a transaction outside the span is that transaction's, counted on its day.
        attempts = attempts.Where(a => !outside.Records(a)).ToList();

        var itemsRead = ItemsOfAsync(barberId, inSpan, whole: from is null && to is null, cancellationToken);
        var clientsRead = ClientsAsync(barberId, attempts, cancellationToken);
        await Task.WhenAll(itemsRead, clientsRead);
        // Collections and credits count only for claimed transactions: a span with no claim (today, usually) reads neither.
        IReadOnlyList<CommissionCollection> collectionList = [];
        IReadOnlyList<CommissionCredit> credits = [];
        if (itemsRead.Result.Count > 0)
        {
            var collectionsRead = ToListAsync(collections.ListAsync(barberId, null, null, cancellationToken));
            var creditsRead = collections.CreditsAsync(barberId, null, cancellationToken);
            await Task.WhenAll(collectionsRead, creditsRead);
            (collectionList, credits) = (collectionsRead.Result, creditsRead.Result);
        }
        return new LedgerSnapshot(barberId, attempts, inSpan, itemsRead.Result, collectionList, credits, ratesRead.Result, clientsRead.Result);
    }

    private async Task<IReadOnlyList<CommissionItem>> ItemsOfAsync(int barberId, IReadOnlyList<ExternalTransaction> inSpan, bool whole, CancellationToken cancellationToken)
    {
        if (inSpan.Count == 0) return [];
        if (whole) return await collections.ItemsAsync(barberId, cancellationToken);
        // Ids grow as transactions are first seen, so a span's transactions sit in a narrow band of ids.
        var ids = inSpan.Select(t => t.Id).ToHashSet();
        var band = await collections.ItemsAsync(barberId, ids.Min(), ids.Max(), cancellationToken);
        return band.Where(i => ids.Contains(i.TransactionId)).ToList();
    }

    private async Task<IReadOnlyDictionary<int, int>> ClientsAsync(int barberId, IReadOnlyList<PaymentAttempt> attempts, CancellationToken cancellationToken)
    {
        var clients = new Dictionary<int, int>();
        if (attempts.Count == 0) return clients;
        var first = attempts.Min(a => a.CreatedAt);
        var last = attempts.Max(a => a.CreatedAt);
        var wanted = attempts.Select(a => a.AppointmentId).ToHashSet();
        foreach (var appointment in await bookings.ListAppointmentsAsync(barberId, first - AppointmentSlack, last + AppointmentSlack, cancellationToken))
            if (wanted.Contains(appointment.Id)) clients[appointment.Id] = appointment.ClientId;
        var missing = wanted.Where(id => !clients.ContainsKey(id)).ToList();
        var found = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            if (await bookings.GetAppointmentAsync(id, ct) is { } appointment) found[id] = appointment.ClientId;
        });
        foreach (var (id, client) in found) clients[id] = client;
        return clients;
    }

    private static async Task<IReadOnlyList<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items) list.Add(item);
        return list;
    }
}
