using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Analytics.RoutingStats;
using BookedBarber.Payments.Analytics.SixFigure;
using BookedBarber.Payments.Analytics.Unified;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Routing;
using BookedBarber.Payments.Security;

namespace BookedBarber.Payments.Analytics.Consistency;

/// <summary>
/// Checks that analytics tell the ledger's truth, to the cent: for each barber and period (<see cref="Periods"/>, the last
/// N local days including today, or all time) it adds up the ledger rows itself (<see cref="LedgerFigures"/>) and compares
/// per mode and currency with what <see cref="RollupReader"/> answers (<see cref="Rollups"/>); then that routing-stats,
/// <c>GET /unified-payment-analytics/analytics</c> (<see cref="UnifiedAnalytics"/>: its centralized, decentralized and commission blocks)
/// (<see cref="RoutingStats"/>: counts, volumes, commission deducted, refunds of the same days) and
/// <c>GET /platform-collections/summary</c> (<see cref="CollectionsSummary"/>: the commission due of its own rolling
/// window) say the same as the ledger where they report the same figure. Read-only; activity during a check may show
/// as a finding that a second run does not repeat.
/// </summary>
public sealed class AnalyticsConsistencyChecker(
    RollupReader rollups, PaymentLedger ledger, ExternalTransactionStore transactions, CollectionStore collections, CommissionRateHistory rates,
    BookingDirectory bookings, CollectionReader collectionReader, PaymentConfigStore configs, TenantAccess tenants, TimeProvider clock,
    SixFigureSettingsStore sixFigure, ShopTotalsReader shops)
{
    public const string Rollups = "rollups";
    public const string RoutingStats = "routing_stats";
    public const string CollectionsSummary = "collections_summary";
    public const string UnifiedAnalytics = "analytics";

    /// <summary>The periods checked and their number of local days (null: all time).</summary>
    public static readonly IReadOnlyList<(string Name, int? Days)> Periods = [("7_days", 7), ("30_days", 30), ("1_year", 365), ("all_time", null)];

    /// <summary>Checks the given barbers, or (null) every barber the booking platform knows, reading endpoints as <paramref name="caller"/>.</summary>
    public async Task<AnalyticsCheckReport> CheckAsync(IReadOnlyList<int>? barberIds, Caller caller, CancellationToken cancellationToken)
    {
        var barbers = barberIds?.Distinct().Order().ToList() ?? [.. await bookings.ListBarbersAsync(cancellationToken)];
        var findings = new List<AnalyticsFinding>();
        var figures = 0;
        foreach (var barberId in barbers)
        {
            await BarberSubject.EnsureKnownAsync(bookings, barberId, cancellationToken);
            figures += await CheckBarberAsync(barberId, caller, findings, cancellationToken);
        }
        return new AnalyticsCheckReport(barbers.Count, figures, findings);
    }

    private async Task<int> CheckBarberAsync(int barberId, Caller caller, List<AnalyticsFinding> findings, CancellationToken cancellationToken)
    {
        var rows = await ReadLedgerAsync(barberId, cancellationToken);
        var calendar = await rollups.CalendarAsync(barberId, cancellationToken);
        var today = calendar.Today;
        var compared = new List<AnalyticsFinding>();
        foreach (var (period, days) in Periods)
        {
            var from = days is { } n ? today.AddDays(1 - n) : FirstDay(rows, calendar);
            var window = await rollups.ReadAsync(barberId, from, today, cancellationToken);
            var expected = LedgerFigures.Sum(rows, calendar.StartOf(from), calendar.EndOf(today));
            compared.AddRange(CompareRollups(barberId, period, expected, window));
            if (days is { } d && d <= RoutingStatsEndpoint.MaxDays)
                compared.AddRange(CompareRoutingStats(barberId, period, expected, (await RoutingStatsEndpoint.Get(barberId, d, rollups, bookings, cancellationToken)).Value!));
            var analytics = (await UnifiedAnalyticsEndpoint.Get(barberId, period, false, false, null, caller, tenants, rollups, configs, sixFigure, shops, cancellationToken)).Value!;
            compared.AddRange(CompareAnalytics(barberId, period, expected, analytics));
        }
        compared.AddRange(await CompareCollectionsSummaryAsync(barberId, caller, rows, cancellationToken));
        findings.AddRange(compared.Where(c => c.Expected != c.Actual));
        return compared.Count;
    }

    /// <summary>
    /// Every figure of every (mode, currency) the ledger or the rollups have, ledger sums against the rollups' days summed
    /// (each comparison as a finding; it is one when the two differ).
    /// </summary>
    public static IEnumerable<AnalyticsFinding> CompareRollups(int barberId, string period,
        IReadOnlyDictionary<(string Mode, Currency Currency), LedgerFigures> expected, RollupWindow window)
    {
        var answered = window.Days.GroupBy(d => (d.Mode, d.Totals.Currency))
            .ToDictionary(g => g.Key, g => LedgerFigures.Of(g.Select(d => d.Totals).Aggregate((a, b) => a.Plus(b))));
        foreach (var key in expected.Keys.Union(answered.Keys).OrderBy(k => k.Mode, StringComparer.Ordinal).ThenBy(k => k.Currency.Code, StringComparer.Ordinal))
        {
            var want = expected.GetValueOrDefault(key) ?? new LedgerFigures();
            var got = answered.GetValueOrDefault(key) ?? new LedgerFigures();
            foreach (var name in LedgerFigures.Names)
            {
                var money = LedgerFigures.IsMoney(name);
                yield return new AnalyticsFinding(barberId, period, Rollups, $"{key.Mode}.{name}", money ? key.Currency.Code : null,
                    Value(money, want[name], key.Currency), Value(money, got[name], key.Currency));
            }
        }
    }

    /// <summary>Routing-stats against the ledger over the same local days; money in the period's main currency (most payments).</summary>
    private static List<AnalyticsFinding> CompareRoutingStats(int barberId, string period, IReadOnlyDictionary<(string Mode, Currency Currency), LedgerFigures> expected,
        RoutingStatsResponse stats)
    {
        var compared = new List<AnalyticsFinding>();
        void compare(string figure, Currency? c, decimal want, decimal got) =>
            compared.Add(new AnalyticsFinding(barberId, period, RoutingStats, figure, c?.Code, want, got));
        var currency = MainCurrency(expected);
        long Count(string? mode, string figure) => expected.Where(e => mode is null || e.Key.Mode == mode).Sum(e => e.Value[figure]);
        long InCurrency(string? mode, string figure) => expected.Where(e => (mode is null || e.Key.Mode == mode) && e.Key.Currency == currency).Sum(e => e.Value[figure]);
        decimal Major(long minor) => new Money(minor, currency).ToMajor();

        compare("total_payments", null, Count(null, LedgerFigures.Payments), stats.TotalPayments);
        foreach (var (mode, bucket) in new[] { (AnalyticsModes.Centralized, stats.RoutingBreakdown.Centralized), (AnalyticsModes.External, stats.RoutingBreakdown.External), (AnalyticsModes.Fallback, stats.RoutingBreakdown.Fallback) })
        {
            compare($"routing_breakdown.{mode}.count", null, Count(mode, LedgerFigures.Payments), bucket.Count);
            compare($"routing_breakdown.{mode}.total_volume", currency, Major(InCurrency(mode, LedgerFigures.Volume)), bucket.TotalVolume);
        }
        compare("fee_comparison.commission_collected", currency, Major(InCurrency(null, LedgerFigures.CommissionDeducted)), stats.FeeComparison.CommissionCollected);
        if (stats.Refunds is { } refunds)
        {
            compare("refunds.refunded_amount", currency, Major(InCurrency(null, LedgerFigures.Refunds)), refunds.RefundedAmount);
            compare("refunds.refunded_count", null, InCurrency(null, LedgerFigures.RefundedPayments), refunds.RefundedCount);
            compare("refunds.disputed_count", null, InCurrency(null, LedgerFigures.DisputedPayments), refunds.DisputedCount);
        }
        return compared;
    }

    /// <summary>
    /// <c>GET /unified-payment-analytics/analytics</c> of the same period against the ledger: its centralized block
    /// (modes centralized and fallback), its decentralized block (external) and its commission data; money in the
    /// period's main currency.
    /// </summary>
    private static List<AnalyticsFinding> CompareAnalytics(int barberId, string period, IReadOnlyDictionary<(string Mode, Currency Currency), LedgerFigures> expected,
        UnifiedAnalyticsResponse analytics)
    {
        var currency = MainCurrency(expected);
        var compared = new List<AnalyticsFinding>();
        string[] platform = [AnalyticsModes.Centralized, AnalyticsModes.Fallback];
        string[] outside = [AnalyticsModes.External];
        long Count(string[] modes) => expected.Where(e => modes.Contains(e.Key.Mode)).Sum(e => e.Value[LedgerFigures.Payments]);
        decimal Money(string[]? modes, string figure) => new Money(expected.Where(e => (modes is null || modes.Contains(e.Key.Mode)) && e.Key.Currency == currency)
            .Sum(e => e.Value[figure]), currency).ToMajor();
        void Add(string figure, Currency? c, decimal want, decimal got) => compared.Add(new AnalyticsFinding(barberId, period, UnifiedAnalytics, figure, c?.Code, want, got));

        var c = analytics.CentralizedPayments;
        Add("centralized_payments.total_transactions", null, Count(platform), c.TotalTransactions);
        Add("centralized_payments.total_volume", currency, Money(platform, LedgerFigures.Volume), c.TotalVolume);
        Add("centralized_payments.net_earnings", currency, Money(platform, LedgerFigures.NetEarnings), c.NetEarnings);
        Add("centralized_payments.processing_fees", currency, Money(platform, LedgerFigures.ProcessingFees), c.ProcessingFees);
        Add("centralized_payments.commission_deducted", currency, Money(platform, LedgerFigures.CommissionDeducted), c.CommissionDeducted);
        var d = analytics.DecentralizedPayments;
        Add("decentralized_payments.total_transactions", null, Count(outside), d.TotalTransactions);
        Add("decentralized_payments.total_volume", currency, Money(outside, LedgerFigures.Volume), d.TotalVolume);
        Add("decentralized_payments.external_processor_fees", currency, Money(outside, LedgerFigures.ProcessingFees), d.ExternalProcessorFees);
        Add("decentralized_payments.commission_collected", currency, Money(outside, LedgerFigures.CommissionCollected), d.CommissionCollected);
        Add("commission_data.total_amount", currency, Money(null, LedgerFigures.CommissionOwed), analytics.CommissionData.TotalAmount);
        Add("commission_data.amount_collected", currency, Money(null, LedgerFigures.CommissionCollected), analytics.CommissionData.AmountCollected);
        return compared;
    }

    /// <summary>The currency most of the period's payments were in (USD when none): the one analytics sum money in.</summary>
    private static Currency MainCurrency(IReadOnlyDictionary<(string Mode, Currency Currency), LedgerFigures> expected) =>
        expected.GroupBy(e => e.Key.Currency).Select(g => (Currency: g.Key, Payments: g.Sum(e => e.Value[LedgerFigures.Payments])))
            .Where(g => g.Payments > 0).OrderByDescending(g => g.Payments).ThenBy(g => g.Currency.Code, StringComparer.Ordinal)
            .Select(g => g.Currency).FirstOrDefault() ?? Currency.Usd;

    /// <summary>
    /// The collections summary's commission due (outside transactions processed in [now − days, now], in the barber's
    /// currency) against the ledger's commission owed by the outside transactions of that same window. Its
    /// <c>commission_collected</c> is not compared: it counts the commission owed now of transactions in collected
    /// collections, where rollups count what the collection took less credits given back (the two differ after a refund).
    /// </summary>
    private async Task<List<AnalyticsFinding>> CompareCollectionsSummaryAsync(int barberId, Caller caller, LedgerSnapshot rows, CancellationToken cancellationToken)
    {
        var compared = new List<AnalyticsFinding>();
        var currency = (await configs.GetAsync(barberId, cancellationToken)).Currency;
        foreach (var (period, days) in CollectionSummaryCalculator.Periods)
        {
            var summary = (await CollectionEndpoints.Summary(barberId, period, caller, tenants, collectionReader, collections, transactions, configs, rates, clock, cancellationToken)).Value!;
            // The summary's window ends at its own now, inclusive.
            var end = summary.DateRange.End.AddTicks(1);
            var expected = LedgerFigures.Sum(rows with { Attempts = [] }, summary.DateRange.Start, end)
                .Where(e => e.Key.Currency == currency).Sum(e => e.Value[LedgerFigures.CommissionOwed]);
            compared.Add(new AnalyticsFinding(barberId, period, CollectionsSummary, "commission_breakdown.commission_due", currency.Code,
                new Money(expected, currency).ToMajor(), summary.CommissionBreakdown.CommissionDue));
        }
        return compared;
    }

    private static decimal Value(bool money, long value, Currency currency) => money ? new Money(value, currency).ToMajor() : value;

    /// <summary>The local day of the barber's first payment (today when none): where all time starts.</summary>
    private static DateOnly FirstDay(LedgerSnapshot rows, BarberCalendar calendar)
    {
        var instants = rows.Attempts.Select(a => a.CreatedAt).Concat(rows.Transactions.Select(t => t.ProcessedAt)).ToList();
        return instants.Count == 0 ? calendar.Today : new[] { calendar.DayOf(instants.Min()), calendar.Today }.Min();
    }

    /// <summary>Every row of the barber's ledger partition the figures come from, read directly from the stores.</summary>
    private async Task<LedgerSnapshot> ReadLedgerAsync(int barberId, CancellationToken cancellationToken)
    {
        var attempts = await ledger.ListAsync(barberId, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, cancellationToken);
        var outside = new List<ExternalTransaction>();
        await foreach (var t in transactions.QueryAsync(barberId, null, null, cancellationToken)) outside.Add(t);
        var made = new List<CommissionCollection>();
        await foreach (var c in collections.ListAsync(barberId, null, null, cancellationToken)) made.Add(c);
        var items = await collections.ItemsAsync(barberId, cancellationToken);
        var credits = await collections.CreditsAsync(barberId, null, cancellationToken);
        var timeline = await rates.ReadAsync(barberId, cancellationToken);
        return new LedgerSnapshot(barberId, attempts, outside, items, made, credits, timeline, new Dictionary<int, int>());
    }
}
