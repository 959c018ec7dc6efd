using System.Globalization;
using Azure.Data.Tables;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Bench;

/// <summary>
/// Untimed setup of the analytics scenarios: barber <see cref="BarberId"/> (alone in shop <see cref="ShopId"/>, whose days
/// count in <see cref="Zone"/>) with <see cref="Payments"/> payments evenly over the past 365 days up to now, written raw
/// in entity-group transactions of 100, rows exactly as the app writes them:
/// <list type="bullet">
/// <item>60% outside Square transactions (matched to an appointment and its client; 1 in 20 partly refunded, 1 in 40
/// failed), claimed by weekly collections: every finished week's collection is collected, the last one pending;</item>
/// <item>40% platform attempts: centralized, 1 in 25 a fallback from Square, 1 in 15 declined; 1 in 50 is an external
/// attempt that was declined (it has no transaction); 1 in 40 completed charges partly refunded;</item>
/// <item>one booking-index row per payment's appointment (the index the snapshot reader and the reconciler read), clients
/// drawn from <see cref="Clients"/>.</item>
/// </list>
/// The shop is created through the API (it also makes the barber known); the appointments' own rows are not written
/// (analytics read only the barber's index).
/// </summary>
public static class AnalyticsSeed
{
    public const int BarberId = 77;
    public const int ShopId = 77;
    public const int Payments = 100_000;
    public const int Clients = 2_000;
    public const string Zone = "America/Los_Angeles";

    private const int FirstTransactionId = 20_000_000;
    private const int FirstAppointmentId = 30_000_000;
    private const int ConnectionId = 7_700;
    private const decimal Rate = 0.20m;

    public static string ShopJson => $$"""{"name":"Bench Analytics Shop","owner_id":12,"barber_ids":[{{BarberId}}],"time_zone":"{{Zone}}"}""";

    public static async Task<int> SeedAsync(string connectionString, CancellationToken cancellationToken)
    {
        var names = new StorageNames("");
        var ledger = new TableClient(connectionString, names.Ledger);
        var booking = new TableClient(connectionString, names.Booking);
        var now = DateTimeOffset.UtcNow;
        var start = now.AddDays(-365);
        var step = TimeSpan.FromDays(365) / Payments;
        var partition = LedgerPartition.For(BarberId);

        var ledgerRows = new List<TableEntity>();
        var indexRows = new List<TableEntity>();
        var transactions = new List<ExternalTransaction>();
        for (var i = 0; i < Payments; i++)
        {
            var at = start + step * i;
            var client = 10_000 + (int)((long)i * 7_919 % Clients);
            var amount = new Money(2_500 + i % 8 * 500, Currency.Usd);
            var appointmentId = FirstAppointmentId + i;
            indexRows.Add(BookingDirectory.ToIndexEntity(new Appointment(appointmentId, BarberId, client, $"Client {client}",
                DemoServices[i % DemoServices.Length], at.AddMinutes(-45), amount)));
            if (i % 5 < 3)
            {
                var status = i % 40 == 7 ? ExternalTransactionStatus.Failed : i % 20 == 1 ? ExternalTransactionStatus.Refunded : ExternalTransactionStatus.Completed;
                var t = new ExternalTransaction(FirstTransactionId + i, BarberId, ConnectionId, ProcessorTypes.Square, $"sq-ana-{i:D6}", amount, status, at,
                    new Money(amount.Minor * 26 / 1000 + 10, Currency.Usd), status == ExternalTransactionStatus.Refunded ? new Money(1_000, Currency.Usd) : null,
                    AppointmentId: appointmentId, ClientId: client, ReconciliationStatus: ReconciliationStatus.Matched, ReconciledAt: at.AddMinutes(5),
                    CardBrand: "VISA", LastFour: "1111", Source: "sync", FirstSeenAt: at.AddMinutes(5), UpdatedAt: at.AddMinutes(5));
                transactions.Add(t);
                ledgerRows.Add(ExternalTransactionRows.ToEntity(t));
                continue;
            }
            var decision = i % 50 == 4 ? AnalyticsModes.External : i % 25 == 3 ? AnalyticsModes.Fallback : AnalyticsModes.Centralized;
            var declined = decision == AnalyticsModes.External || i % 15 == 8;
            var onPlatform = AnalyticsModes.OnPlatform(decision);
            var processor = onPlatform ? "stripe" : ProcessorTypes.Square;
            ledgerRows.Add(PaymentLedger.ToEntity(new PaymentAttempt(
                $"ana{i:D21}", BarberId, appointmentId, amount, decision, processor, onPlatform ? null : ConnectionId,
                declined ? AttemptStatus.Declined : AttemptStatus.Completed,
                declined ? Money.Zero(Currency.Usd) : new Money(amount.Minor * 29 / 1000 + 30, Currency.Usd),
                declined || !onPlatform ? Money.Zero(Currency.Usd) : new Money((long)(amount.Minor * Rate), Currency.Usd),
                !declined && onPlatform, $"bench-ana-{i}", at,
                declined ? null : $"pi_ana_{i:D6}", at.AddSeconds(2), 900, declined ? "card_declined" : null, declined ? "Your card was declined." : null,
                decision == AnalyticsModes.Fallback ? ProcessorTypes.Square : null, false,
                Refunded: !declined && i % 40 == 13 ? new Money(1_000, Currency.Usd) : null)));
        }

        ledgerRows.AddRange(Collections(transactions, now));
        await Parallel.ForEachAsync(Batches(ledgerRows).Concat(Batches(indexRows)), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (batch, ct) =>
            {
                var table = batch[0].PartitionKey == partition ? ledger : booking;
                await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
            });
        await ledger.UpsertEntityAsync(new TableEntity(partition, ExternalTransactionRows.StampRow), TableUpdateMode.Replace, cancellationToken);
        await ledger.SubmitTransactionAsync([CollectionStore.StampAction(BarberId)], cancellationToken);
        return ledgerRows.Count + indexRows.Count;
    }

    private static readonly string[] DemoServices = ["Classic Haircut", "Skin Fade", "Beard Trim", "Haircut & Beard", "Hot Towel Shave"];

    /// <summary>A collection a week of the succeeded transactions of each finished week (collected; the newest pending), their claims.</summary>
    private static IEnumerable<TableEntity> Collections(IReadOnlyList<ExternalTransaction> transactions, DateTimeOffset now)
    {
        var first = transactions[0].ProcessedAt;
        var weeks = transactions.Where(t => t.Succeeded).GroupBy(t => (int)((t.ProcessedAt - first).TotalDays / 7))
            .Where(g => first.AddDays(7 * (g.Key + 1)) < now).OrderBy(g => g.Key).ToList();
        var rows = new List<TableEntity>();
        foreach (var week in weeks)
        {
            var id = 9_700_000L + week.Key;
            var created = first.AddDays(7 * (week.Key + 1)).AddHours(2);
            var last = week.Key == weeks[^1].Key;
            var items = week.Select(t => new CommissionItem(BarberId, t.Id, t.ExternalTransactionId, id, Currency.Usd, t.Amount.Minor, 0, Rate,
                CommissionCalculator.Owed(t, Rate).Minor, t.RefundedAmount?.Minor ?? 0, 0, t.ProcessedAt, created)).ToList();
            rows.Add(CollectionRows.ToEntity(new CommissionCollection(id, BarberId, Currency.Usd, last ? CollectionStatus.Pending : CollectionStatus.Collected,
                CollectionMethods.StripeConnect, created, created.AddDays(3), created.AddHours(-2), Rate * 100, items.Sum(i => i.CommissionMinor), 0,
                [.. items.Select(i => i.TransactionId)], [.. items.Select(i => i.ExternalTransactionId)],
                ChargeId: last ? null : $"ch_ana_{id}", CollectedAt: last ? null : created.AddDays(3), UpdatedAt: created)));
            rows.AddRange(items.Select(CollectionRows.ToEntity));
        }
        return rows;
    }

    // Entity-group transactions: one partition, at most 100 rows and 4 MB (a week's collection row alone is ~50 KB).
    private static IEnumerable<TableEntity[]> Batches(IEnumerable<TableEntity> rows) =>
        rows.GroupBy(r => (r.PartitionKey, Big: r.RowKey.StartsWith(CollectionRows.Prefix, StringComparison.Ordinal)))
            .SelectMany(g => g.Chunk(g.Key.Big ? 10 : 100));

    public static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
