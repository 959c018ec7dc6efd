using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Analytics.Rollups.Storage;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Ledger;

namespace BookedBarber.Payments.Analytics.Dashboard;

/// <summary>
/// The barber's newest payments across both routes: the platform's charges (centralized and fallback attempts, by
/// processed time) and the outside transactions (synced, webhooked or made through our API), newest first. Reads only
/// the newest rows: outside transactions sort newest first, so the first rows suffice; attempts sort oldest first, so
/// they are read in spans going back (a day, a week, a month, a year, all before) until enough are found.
/// </summary>
/// <remarks>Kept per instance like today's figures (<see cref="StoredRollups"/>): at most a few seconds, dropped when this
/// instance writes the barber's ledger; concurrent dashboards share one read.</remarks>
public sealed class RecentTransactionsReader(PaymentLedger ledger, ExternalTransactionStore transactions, TimeProvider clock,
    [FromKeyedServices(StoredRollups.CachePurpose)] IMemoryCache live)
{
    public const int Count = 10;

    public const string Centralized = "centralized";
    public const string External = "external";

    private static readonly TimeSpan?[] Spans = [TimeSpan.FromDays(1), TimeSpan.FromDays(7), TimeSpan.FromDays(30), TimeSpan.FromDays(365), null];

    public Task<IReadOnlyList<DashboardTransaction>> ReadAsync(int barberId, CancellationToken cancellationToken)
    {
        // Not cancellable by one caller: other dashboards may be waiting on the same read.
        return live.Shared(StoredRollups.RecentKey(barberId), () => ReadNewestAsync(barberId, CancellationToken.None), StoredRollups.KeepTodayFor);
    }

    private async Task<IReadOnlyList<DashboardTransaction>> ReadNewestAsync(int barberId, CancellationToken cancellationToken)
    {
        var found = new List<DashboardTransaction>();
        await foreach (var t in transactions.QueryAsync(barberId, null, null, cancellationToken))
        {
            found.Add(new DashboardTransaction(t.Id, t.Amount.ToMajor(), External, t.ProcessorType, t.Status, t.ProcessedAt, t.ExternalTransactionId,
                t.Amount.Currency.Code));
            if (found.Count == Count) break;
        }

        var now = clock.GetUtcNow();
        var upper = DateTimeOffset.MaxValue;
        var platform = 0;
        foreach (var span in Spans)
        {
            var lower = span is { } s ? now - s : DateTimeOffset.MinValue;
            foreach (var a in await ledger.ListAsync(barberId, lower, upper, cancellationToken))
            {
                if (!AnalyticsModes.OnPlatform(a.Decision)) continue;
                platform++;
                found.Add(Platform(a));
            }
            // Every attempt before `lower` is older than the ones found: enough once this many are on the platform.
            if (platform >= Count || span is null) break;
            upper = lower;
        }
        return [.. found.OrderByDescending(t => t.ProcessedAt).ThenByDescending(t => t.PaymentId, StringComparer.Ordinal).Take(Count)];
    }

    /// <summary>A platform charge as the dashboard shows it: refunded once any of it came back, as outside transactions say.</summary>
    public static DashboardTransaction Platform(PaymentAttempt a) => new(
        null, a.Amount.ToMajor(), Centralized, a.Processor,
        a.Status == AttemptStatus.Completed && a.Refunded is { IsPositive: true } ? ExternalTransactionStatus.Refunded : a.Status,
        a.ProcessedAt ?? a.CreatedAt, a.ProcessorPaymentId, a.Amount.Currency.Code);
}
