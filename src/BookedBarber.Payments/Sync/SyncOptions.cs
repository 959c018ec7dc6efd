namespace BookedBarber.Payments.Sync;

/// <summary>
/// How a sync run reads and how long it may hold a request. <see cref="RescanWindow"/>: each run starts this long before
/// the connection's checkpoint, because Square's ListPayments is eventually consistent (a payment can show up after a
/// run has passed its time). <see cref="MaxHistory"/>: how far back a first or forced sync reads (Square lists one year
/// by default). A manual request syncs at most <see cref="RequestPageBudget"/> pages or <see cref="RequestTimeBudget"/>,
/// then continues on the queue.
/// </summary>
public sealed record SyncOptions
{
    public static readonly TimeSpan DefaultRescanWindow = TimeSpan.FromHours(24);

    public TimeSpan RescanWindow { get; init; } = DefaultRescanWindow;

    public TimeSpan MaxHistory { get; init; } = TimeSpan.FromDays(365);

    public int PageSize { get; init; } = 100;

    public int RequestPageBudget { get; init; } = 20;

    public TimeSpan RequestTimeBudget { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a lease lasts without renewal (each page renews it): a crashed run frees its connection after this.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(2);
}
