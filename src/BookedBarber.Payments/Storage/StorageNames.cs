namespace BookedBarber.Payments.Storage;

/// <summary>
/// The tables and queues the application uses. A prefix (empty in production) lets tests and parallel
/// dev hosts share one storage account without seeing each other's data.
/// </summary>
public sealed record StorageNames(string Prefix)
{
    /// <summary>One partition per barber: config, connections, transactions, payments, collections.</summary>
    public string Ledger => Table("ledger");

    /// <summary>Global lookups: public integer ids to their barber, and uniqueness keys.</summary>
    public string Lookups => Table("lookups");

    /// <summary>Hi/lo id counters.</summary>
    public string Ids => Table("ids");

    /// <summary>The booking platform's read model: shops, memberships, appointments.</summary>
    public string Booking => Table("booking");

    /// <summary>Rate-limit windows per user and category.</summary>
    public string RateLimits => Table("ratelimits");

    /// <summary>Idempotency keys of mutating requests, kept 24 hours.</summary>
    public string Idempotency => Table("idempotency");

    /// <summary>Processors' health as every instance sees it: the shared circuit breaker.</summary>
    public string ProcessorHealth => Table("processorhealth");

    /// <summary>Verified processor webhook events by source and event id: the first claim of an id wins, a redelivery finds it.</summary>
    public string WebhookEvents => Table("webhookevents");

    /// <summary>Analytics derived from the ledger: daily rollups per barber, peer aggregates, six-figure settings. Rebuildable.</summary>
    public string Analytics => Table("analytics");

    public IEnumerable<string> AllTables => [Ledger, Lookups, Ids, Booking, RateLimits, Idempotency, ProcessorHealth, WebhookEvents, Analytics];

    public string Queue(string name) => Prefix.Length == 0 ? name : $"{Prefix.ToLowerInvariant()}-{name}";

    public static string PoisonQueue(string queue) => $"{queue}-poison";

    // Table names are alphanumeric only, so the prefix is folded in without a separator.
    private string Table(string name) => Prefix.Length == 0 ? name : $"{Prefix}{name}";
}
