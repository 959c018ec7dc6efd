using BookedBarber.Payments.Analytics;
using BookedBarber.Payments.Analytics.Dashboard;
using BookedBarber.Payments.Analytics.Optimization;
using BookedBarber.Payments.Analytics.Rollups.Storage;
using BookedBarber.Payments.Analytics.SixFigure;
using BookedBarber.Payments.Analytics.Unified;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Docs;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Health;
using BookedBarber.Payments.Maintenance;
using BookedBarber.Payments.Processing;
using BookedBarber.Payments.RateLimiting;
using BookedBarber.Payments.Routing;
using BookedBarber.Payments.Security;
using BookedBarber.Payments.Sync;
using BookedBarber.Payments.Webhooks;
using static BookedBarber.Payments.RateLimiting.RateLimitCategory;

namespace BookedBarber.Payments.Catalog;

/// <summary>
/// The one catalog of everything the application serves: HTTP endpoints (routes under <c>api/v1</c>),
/// queues and schedules. Hosts serve exactly this; a test holds the Functions app to it.
/// </summary>
public static class AppCatalog
{
    private const string HybridPayments = "Hybrid Payments";
    private const string ExternalPayments = "External Payments";
    private const string PlatformCollections = "Platform Collections";
    private const string Analytics = "Unified Payment Analytics";
    private const string Webhooks = "Webhooks";
    private const string Operations = "Operations";
    private const string BookingFeed = "Booking Feed";

    private static readonly QueryParameter[] OptionsQuery =
    [
        new("appointment_id", "integer", "Appointment for context."),
        new("amount", "number", "Amount for fee calculations."),
    ];

    private static readonly QueryParameter[] PageQuery =
    [
        new("since", "date-time", "Only items since this time."),
        new("until", "date-time", "Only items until this time."),
        new("limit", "integer", "Maximum number of results.", "50"),
        new("offset", "integer", "Pagination offset.", "0"),
    ];

    private static readonly QueryParameter BarberQuery =
        new("barber_id", "integer", "The barber whose connections these are (shop owners, enterprise owners, admin); a barber's own by default.");

    private static readonly QueryParameter AnalyticsBarberQuery =
        new("barber_id", "integer", "The barber whose analytics these are (shop owners, enterprise owners, admin); a barber's own by default.");

    private static readonly QueryParameter CollectionBarberQuery =
        new("barber_id", "integer", "The barber whose collections these are (shop owners, enterprise owners, admin); a barber's own by default.");

    // Connection create and update check the credentials at the processor: a failed check is the contract's 424.
    private static readonly Dictionary<string, int> ProcessorCheckFailed = new() { [ErrorCodes.ExternalProcessorUnavailable] = 424 };

    // What routing a payment can refuse with; processing adds the ledger, the key and the processor's answers.
    private static readonly string[] RoutingErrors = [ErrorCodes.PaymentRoutingFailed, ErrorCodes.InvalidPaymentAmount, ErrorCodes.UnsupportedCurrency];

    private static readonly string[] AmountErrors = [ErrorCodes.InvalidPaymentAmount, ErrorCodes.UnsupportedCurrency];

    private static readonly string[] ProcessErrors =
    [
        .. RoutingErrors,
        ErrorCodes.AppointmentAlreadyPaid, ErrorCodes.PaymentInProgress, ErrorCodes.IdempotencyKeyReused, ErrorCodes.IdempotencyKeyInUse,
        ErrorCodes.CardTokenProcessorMismatch, ErrorCodes.PaymentDeclined, ErrorCodes.ExternalProcessorUnavailable, ErrorCodes.ExternalApiError,
    ];

    private static readonly string[] TestRoutingErrors = [.. RoutingErrors, ErrorCodes.CardTokenProcessorMismatch];

    public static readonly IReadOnlyList<EndpointEntry> Endpoints =
    [
        // Hybrid payments
        new("ProcessPayment", "POST", "hybrid-payments/process", Permissions.PaymentWrite, PaymentProcessing, HybridPayments,
            "Process a payment using hybrid routing logic.", ProcessPaymentEndpoint.Handle)
        { Errors = ProcessErrors },
        new("RoutePayment", "POST", "hybrid-payments/route", Permissions.PaymentRead, PaymentRouting, HybridPayments,
            "Get payment routing information without processing.", RoutingEndpoints.Route)
        { Errors = RoutingErrors },
        new("GetPaymentOptions", "GET", "hybrid-payments/options/{barber_id}", Permissions.PaymentRead, PaymentRouting, HybridPayments,
            "Get available payment options for a specific barber.", PaymentOptionsEndpoints.GetForBarber)
        { BarberRouteParameter = "barber_id", Query = OptionsQuery, Errors = AmountErrors },
        new("GetMyPaymentOptions", "GET", "hybrid-payments/my-options", Permissions.PaymentRead, PaymentRouting, HybridPayments,
            "Get payment options for the current authenticated barber.", PaymentOptionsEndpoints.GetMine)
        { Query = OptionsQuery, Errors = AmountErrors },
        new("GetRoutingStats", "GET", "hybrid-payments/routing-stats/{barber_id}", Permissions.PaymentRead, PaymentRouting, HybridPayments,
            "Get payment routing statistics and analytics.", BookedBarber.Payments.Analytics.RoutingStats.RoutingStatsEndpoint.Get)
        {
            BarberRouteParameter = "barber_id",
            Query = [new("days", "integer", "Number of days to analyze (1-365).", "30")],
        },
        new("TestRouting", "POST", "hybrid-payments/test-routing", Permissions.PaymentRead, PaymentRouting, HybridPayments,
            "Test payment routing without processing (development only).", TestRoutingEndpoint.Handle)
        { Errors = TestRoutingErrors },

        new("GetPaymentConfig", "GET", "hybrid-payments/config", Permissions.PaymentRead, PaymentRouting, HybridPayments,
            "Get the caller's payment configuration (mode, preferred processor, thresholds, commission terms).", PaymentConfigEndpoints.GetOwn)
        { Extension = true },
        new("UpdatePaymentConfig", "PUT", "hybrid-payments/config", Permissions.PaymentWrite, PaymentRouting, HybridPayments,
            "Change the caller's payment configuration; only the fields sent change. Commission terms are the platform's (admin).", PaymentConfigEndpoints.PutOwn)
        { Extension = true },
        new("GetBarberPaymentConfig", "GET", "hybrid-payments/config/{barber_id}", Permissions.PaymentRead, PaymentRouting, HybridPayments,
            "Get a barber's payment configuration (their shop's owners and admin).", PaymentConfigEndpoints.GetForBarber)
        { Extension = true, BarberRouteParameter = "barber_id" },
        new("UpdateBarberPaymentConfig", "PUT", "hybrid-payments/config/{barber_id}", Permissions.PaymentWrite, PaymentRouting, HybridPayments,
            "Change a barber's payment configuration (their shop's owners and admin).", PaymentConfigEndpoints.PutForBarber)
        { Extension = true, BarberRouteParameter = "barber_id" },

        // External payments
        new("ListConnections", "GET", "external-payments/connections", Permissions.ConnectionWrite, ConnectionManagement, ExternalPayments,
            "Get all external payment processor connections for the current barber.", ConnectionEndpoints.List)
        { Query = [BarberQuery] },
        new("CreateConnection", "POST", "external-payments/connections", Permissions.ConnectionWrite, ConnectionManagement, ExternalPayments,
            "Create a new external payment processor connection.", ConnectionEndpoints.Create)
        { Query = [BarberQuery], Errors = [ErrorCodes.Conflict], ErrorStatuses = ProcessorCheckFailed },
        new("GetConnection", "GET", "external-payments/connections/{connection_id}", Permissions.ConnectionWrite, ConnectionManagement, ExternalPayments,
            "Get details for a specific connection.", ConnectionEndpoints.Get),
        new("UpdateConnection", "PUT", "external-payments/connections/{connection_id}", Permissions.ConnectionWrite, ConnectionManagement, ExternalPayments,
            "Update an existing connection.", ConnectionEndpoints.Update)
        { ErrorStatuses = ProcessorCheckFailed },
        new("DeleteConnection", "DELETE", "external-payments/connections/{connection_id}", Permissions.ConnectionWrite, ConnectionManagement, ExternalPayments,
            "Remove an external payment processor connection.", ConnectionEndpoints.Delete),
        new("SyncConnection", "POST", "external-payments/connections/{connection_id}/sync", Permissions.ConnectionWrite, ConnectionManagement, ExternalPayments,
            "Manually sync transactions from the external processor. A run larger than a request waits for (20 pages or 20 s) "
            + "continues on the transaction-sync queue: the response then says continues_in_background: true and sync_completed_at: null. "
            + "409 CONFLICT while another sync of the connection runs, or when the connection is disconnected.", SyncConnectionEndpoint.Handle)
        {
            Errors = [ErrorCodes.Conflict, ErrorCodes.ExternalProcessorUnavailable],
            Query = [new("since", "date-time", "Sync transactions since this timestamp."), new("force", "boolean", "Force full resync.", "false")],
        },
        new("ListExternalTransactions", "GET", "external-payments/transactions", Permissions.PaymentRead, RateLimitCategory.Analytics, ExternalPayments,
            "Get external transactions for the current barber.", ExternalTransactionEndpoints.List)
        {
            Query =
            [
                new("barber_id", "integer", "The barber whose transactions to list (shop owners, enterprise owners, admin); a barber's own by default."),
                new("connection_id", "integer", "Filter by connection."),
                new("status", "string", "Filter by status (pending, completed, failed, refunded)."),
                .. PageQuery,
            ],
        },
        new("GetExternalTransaction", "GET", "external-payments/transactions/{transaction_id}", Permissions.PaymentRead, RateLimitCategory.Analytics, ExternalPayments,
            "Get details for a specific external transaction.", ExternalTransactionEndpoints.Get),

        // Platform collections
        new("ListMyCollections", "GET", "platform-collections/my-collections", Permissions.CollectionRead, RateLimitCategory.Analytics, PlatformCollections,
            "Get commission collections for the current barber.", CollectionEndpoints.List)
        {
            Query = [CollectionBarberQuery, new("status", "string", "Filter by status (pending, due, processing, collected, failed)."), .. PageQuery],
        },
        new("GetCollection", "GET", "platform-collections/collections/{collection_id}", Permissions.CollectionRead, RateLimitCategory.Analytics, PlatformCollections,
            "Get details for a specific collection.", CollectionEndpoints.Get),
        new("RetryCollection", "POST", "platform-collections/collections/{collection_id}/retry", Permissions.CollectionRead, PaymentProcessing, PlatformCollections,
            "Retry a failed collection.", RetryCollectionEndpoint.Handle)
        { Errors = [ErrorCodes.Conflict, ErrorCodes.NotFound, ErrorCodes.ValidationError] },
        new("GetCollectionSummary", "GET", "platform-collections/summary", Permissions.CollectionRead, RateLimitCategory.Analytics, PlatformCollections,
            "Get commission collection summary for the current barber.", CollectionEndpoints.Summary)
        {
            Query = [CollectionBarberQuery, new("period", "string", "Summary period (7_days, 30_days, 90_days, 1_year).", "30_days")],
        },

        // Unified payment analytics
        new("GetDashboard", "GET", "unified-payment-analytics/dashboard", Permissions.AnalyticsRead, RateLimitCategory.Analytics, Analytics,
            "Get real-time dashboard data for the current barber.", DashboardEndpoint.Get)
        { Query = [AnalyticsBarberQuery] },
        new("GetUnifiedAnalytics", "GET", "unified-payment-analytics/analytics", Permissions.AnalyticsRead, RateLimitCategory.Analytics, Analytics,
            "Get comprehensive unified analytics.", UnifiedAnalyticsEndpoint.Get)
        {
            Query =
            [
                AnalyticsBarberQuery,
                new("period", "string", "Analytics period (7_days, 30_days, 90_days, 6_months, 1_year, all_time).", "30_days"),
                new("include_projections", "boolean", "Include revenue projections.", "false"),
                new("include_six_figure_insights", "boolean", "Include Six Figure Barber insights.", "true"),
                new("shop_id", "integer", "Extension: also the shop's totals over its barbers (the shop's owner, enterprise owner, admin)."),
            ],
        },
        new("GetRevenueOptimization", "GET", "unified-payment-analytics/revenue-optimization", Permissions.AnalyticsRead, RateLimitCategory.Analytics, Analytics,
            "Get revenue optimization insights and recommendations.", RevenueOptimizationEndpoint.Get)
        {
            Query =
            [
                AnalyticsBarberQuery,
                new("period", "string", "Analysis period (7_days, 30_days, 90_days, 6_months, 1_year, all_time); an extension.", "90_days"),
            ],
        },
        // Six-figure insights and settings
        new("GetSixFigureInsights", "GET", "unified-payment-analytics/six-figure-insights", Permissions.AnalyticsRead, RateLimitCategory.Analytics, Analytics,
            "Get insights aligned with the Six Figure Barber methodology.", SixFigureInsightsEndpoint.Get)
        { Query = [AnalyticsBarberQuery] },
        new("GetSixFigureSettings", "GET", "unified-payment-analytics/six-figure-settings", Permissions.AnalyticsRead, RateLimitCategory.Analytics, Analytics,
            "Get a barber's six-figure settings: annual target (default 100,000), program enrolment and its start date.", SixFigureSettingsEndpoints.Get)
        { Extension = true, Query = [AnalyticsBarberQuery] },
        new("UpdateSixFigureSettings", "PUT", "unified-payment-analytics/six-figure-settings", Permissions.AnalyticsRead, RateLimitCategory.Analytics, Analytics,
            "Change a barber's six-figure settings (the barber themself or admin; owners get 403): only the fields sent change.", SixFigureSettingsEndpoints.Put)
        { Extension = true, Query = [AnalyticsBarberQuery], Errors = [ErrorCodes.ValidationError] },

        // Webhooks: anonymous, authenticated by the processor's signature.
        new("StripeWebhook", "POST", "webhooks/stripe/{connection_id}", null, RateLimitCategory.Webhooks, Webhooks,
            "Handle Stripe webhook notifications (Stripe-Signature).", WebhookEndpoints.Stripe)
        { Errors = [ErrorCodes.WebhookSignatureInvalid, ErrorCodes.InvalidJson, ErrorCodes.PayloadTooLarge] },
        new("SquareWebhook", "POST", "webhooks/square/{connection_id}", null, RateLimitCategory.Webhooks, Webhooks,
            "Handle Square webhook notifications (x-square-hmacsha256-signature).", WebhookEndpoints.Square)
        { Errors = [ErrorCodes.WebhookSignatureInvalid, ErrorCodes.InvalidJson, ErrorCodes.PayloadTooLarge] },
        new("StripePlatformWebhook", "POST", "webhooks/stripe-platform", null, RateLimitCategory.Webhooks, Webhooks,
            "Handle the platform's own Stripe account's webhook notifications (centralized payments, Connect accounts; STRIPE_WEBHOOK_SECRET).", WebhookEndpoints.StripePlatform)
        { Extension = true, Errors = [ErrorCodes.WebhookSignatureInvalid, ErrorCodes.InvalidJson, ErrorCodes.PayloadTooLarge] },

        // Operations (not in the API reference)
        new("GetHealth", "GET", "health", null, None, Operations,
            "Status of storage and queues: 200 healthy, 503 when storage is unreachable.", HealthEndpoint.Handle)
        { Extension = true, Errors = [ErrorCodes.ServiceUnavailable] },
        new("GetApiDocs", "GET", "docs", null, None, Operations,
            "This API's OpenAPI 3 document (or the reference page for browsers).", DocsEndpoints.GetDocs) { Extension = true },
        new("GetOpenApiDocument", "GET", "docs/openapi.json", null, None, Operations,
            "This API's OpenAPI 3 document.", DocsEndpoints.GetOpenApi) { Extension = true },
        new("GetApiReference", "GET", "docs/reference", null, None, Operations,
            "The interactive API reference (Swagger UI over the OpenAPI document; Authorize with a bearer token to try calls).", DocsEndpoints.GetReference) { Extension = true },
        new("GetApiReferenceAsset", "GET", "docs/assets/{file}", null, None, Operations,
            "A file of the interactive reference (Swagger UI's script, style and icon, served from the package).", DocsEndpoints.GetAsset) { Extension = true },

        // Collections run (operators; not in the API reference)
        new("RunCollections", "POST", "internal/collections/run", Permissions.AdminWrite, RateLimitCategory.Internal, PlatformCollections,
            "Collect the named barbers' commission now, whatever their cadence: one commission-collection message each (build up to the cutoff, "
            + "then charge what is due even with auto-collection off). 404 naming the first unknown barber, nothing queued.", CollectionRunEndpoint.Handle)
        { Extension = true },
        new("CheckCollections", "GET", "internal/collections/check", Permissions.AdminWrite, RateLimitCategory.Internal, PlatformCollections,
            "The collection invariant checker's report: every claimed transaction in exactly one collection, amounts equal to commissions less credits, "
            + "exactly the processor charges each status implies.", CollectionCheckEndpoint.Handle)
        { Extension = true, Query = [new("barber_id", "integer", "Check one barber (every barber with a connection or a collection by default).")] },
        new("CheckAnalytics", "GET", "internal/analytics/check", Permissions.AdminWrite, RateLimitCategory.Internal, Analytics,
            "The analytics consistency report: for each barber and period (7_days, 30_days, 1_year, all_time) the rollups against sums of the ledger "
            + "rows, to the cent, and routing-stats, unified analytics and the collections summary against the ledger where they report the same figure.",
            BookedBarber.Payments.Analytics.Consistency.AnalyticsCheckEndpoint.Handle)
        { Extension = true, Query = [new("barber_id", "integer", "Check one barber (every barber the booking platform knows by default).")] },

        // Analytics rollups (operators; not in the API reference)
        new("RebuildAnalytics", "POST", "internal/analytics/rebuild", Permissions.AdminWrite, RateLimitCategory.Internal, Analytics,
            "Rebuild one barber's stored daily rollups now from the whole ledger (what the nightly AnalyticsRollup timer does for every barber): "
            + "writes only months that changed; answers what it wrote, the days and payments it read and how long it took.", AnalyticsRebuildEndpoint.Handle)
        { Extension = true, Errors = [ErrorCodes.ValidationError, ErrorCodes.NotFound] },

        // The booking platform's feed (not in the API reference)
        new("UpsertShop", "PUT", "internal/booking/shops/{shop_id}", Permissions.AdminWrite, RateLimitCategory.Internal, BookingFeed,
            "Create or replace a shop with its owner, enterprise owner and barbers.", BookingEndpoints.PutShop)
        { Extension = true },
        new("UpsertAppointment", "PUT", "internal/booking/appointments/{appointment_id}", Permissions.AdminWrite, RateLimitCategory.Internal, BookingFeed,
            "Create or replace an appointment.", BookingEndpoints.PutAppointment)
        { Extension = true },
        new("GetAppointment", "GET", "internal/booking/appointments/{appointment_id}", Permissions.PaymentRead, RateLimitCategory.Internal, BookingFeed,
            "Read an appointment the caller may act on.", BookingEndpoints.GetAppointment)
        { Extension = true },
    ];

    public static readonly IReadOnlyList<QueueEntry> Queues =
    [
        new(MaintenanceQueue.Name, "Housekeeping: purges ended rate-limit windows.", typeof(MaintenanceQueue)),
        new(PaymentReconciler.QueueName, "Settles payment attempts left pending after the processor was called.", typeof(PaymentReconciler)),

        // Sync
        new(SyncRequest.QueueName, "Syncs one connection's transactions (hourly fan-out, a manual run's continuation) or refreshes named payments (webhooks).", typeof(TransactionSyncHandler)),

        // Webhooks
        new(WebhookEventsHandler.QueueName, "Applies verified processor webhook events: targeted refreshes, connection health, refunds and disputes of centralized payments.", typeof(WebhookEventsHandler)),

        // Connections
        new(ConnectionMaintenanceMessage.QueueName, "Looks after one connection: refreshes its Square token when it expires within 7 days.", typeof(ConnectionMaintenanceQueue)),

        // Collections
        new(CollectionRequest.QueueName, "Collects one barber's commission: builds the collection of what is open up to a cutoff, charges what is due, retries what dunning scheduled, settles stuck charges.", typeof(CommissionCollectionHandler)),

        // Analytics
        new(AnalyticsRollupMessage.QueueName, "Keeps one barber's stored daily rollups up to date: recomputes the local days of a ledger change from that span of the ledger, or rebuilds them all.", typeof(AnalyticsRollupHandler)),
    ];

    public static readonly IReadOnlyList<ScheduleEntry> Schedules =
    [
        new(MaintenanceSweepJob.Name, MaintenanceSweepJob.Setting, MaintenanceSweepJob.DefaultSchedule,
            "Hourly housekeeping sweep onto the maintenance queue.", typeof(MaintenanceSweepJob)),
        new(PaymentReconciliationJob.Name, PaymentReconciliationJob.Setting, PaymentReconciliationJob.DefaultSchedule,
            "Every two minutes: settle payment attempts pending longer than a request can take.", typeof(PaymentReconciliationJob)),

        // Sync
        new(TransactionSyncJob.Name, TransactionSyncJob.Setting, TransactionSyncJob.DefaultSchedule,
            "Hourly: one transaction-sync message per connected processor connection.", typeof(TransactionSyncJob)),

        // Connections
        new(ConnectionTokenRefreshJob.Name, ConnectionTokenRefreshJob.Setting, ConnectionTokenRefreshJob.DefaultSchedule,
            "Daily: one connection-maintenance message per connection, refreshing Square tokens that expire within 7 days.", typeof(ConnectionTokenRefreshJob)),

        // Collections
        new(CommissionCollectionJob.Name, CommissionCollectionJob.Setting, CommissionCollectionJob.DefaultSchedule,
            "Daily 06:00 UTC: one commission-collection message per barber whose collection period ended or who has a collection to act on.", typeof(CommissionCollectionJob)),

        // Analytics
        new(AnalyticsRollupJob.Name, AnalyticsRollupJob.Setting, AnalyticsRollupJob.DefaultSchedule,
            "Nightly 03:30 UTC: one analytics-rollup rebuild message per barber, repairing whatever incremental updates missed.", typeof(AnalyticsRollupJob)),
    ];
}
