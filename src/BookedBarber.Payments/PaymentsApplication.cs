using BookedBarber.Payments.Analytics.Dashboard;
using BookedBarber.Payments.Analytics.Unified;
using BookedBarber.Payments.Analytics.Peers;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Analytics.Rollups.Storage;
using BookedBarber.Payments.Analytics.SixFigure;
using BookedBarber.Payments.Processors.Stripe;
using BookedBarber.Payments.Http;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Processing;
using BookedBarber.Payments.Processors.Square;
using BookedBarber.Payments.Queues;
using BookedBarber.Payments.RateLimiting;
using BookedBarber.Payments.Routing;
using BookedBarber.Payments.Security;
using BookedBarber.Payments.Storage;
using BookedBarber.Payments.Sync;
using BookedBarber.Payments.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments;

/// <summary>Wires the application into any host: the dev host and the Functions app both call this once.</summary>
public static class PaymentsApplication
{
    public static IServiceCollection AddPaymentsApplication(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = PaymentsSettings.From(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(settings);
        services.AddSingleton(settings.Auth);
        services.AddSingleton<StorageAccount>();
        services.AddSingleton<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        services.AddSingleton<IdAllocator>(sp => new IdAllocator(sp.GetRequiredService<StorageAccount>()));
        services.AddSingleton<GlobalLookup>();
        // One bounded cache per purpose (see InstanceCaches): bounds that fit each, and no purpose evicts another.
        services.AddInstanceCache(InstanceCaches.Appointments, BookingDirectory.MaxCachedAppointments);
        services.AddInstanceCache(InstanceCaches.BarberProcessors, BarberProcessorsReader.MaxCachedBarbers);
        services.AddInstanceCache(InstanceCaches.ProcessorHealth, ProcessorHealth.MaxCachedRows);
        services.AddInstanceCache(InstanceCaches.RateLimitCounters, RateLimiter.MaxCachedCounters);
        services.AddInstanceCache(InstanceCaches.ExternalTransactions, ExternalTransactionReader.MaxCachedBarbers);

        services.AddHttpClient();
        services.AddSingleton(sp => new JwtAuthenticator(
            settings.Auth,
            settings.Auth.JwksUrl is { } jwksUrl
                ? new JwksKeySource(sp.GetRequiredService<IHttpClientFactory>().CreateClient("jwks"), jwksUrl, sp.GetRequiredService<TimeProvider>())
                : null,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => new CredentialProtector(settings.CredentialKeyRing
            ?? throw new InvalidOperationException($"Set {SettingNames.CredentialEncryptionKeys} to store processors' credentials.")));
        services.AddSingleton<TenantAccess>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<BookingDirectory>();
        services.AddSingleton<PaymentConfigStore>();
        services.AddSingleton<PaymentConfigChanges>();
        services.AddSingleton<CommissionRateHistory>();
        services.AddSingleton<PaymentTargets>();
        services.AddSingleton<ConnectionStore>();
        services.AddSingleton<ConnectionSecrets>();
        services.AddSingleton<BarberProcessorsReader>();
        services.AddSingleton<RollupReader>();
        services.AddSingleton<SixFigureSettingsStore>();
        services.AddSingleton<PeerMonthStore>();
        services.AddSingleton<LedgerSnapshotReader>();
        services.AddSingleton<Analytics.Consistency.AnalyticsConsistencyChecker>();
        // Stored rollups, kept up to date from ledger writes (a host that wants none registers NoLedgerChanges first).
        services.AddSingleton<RollupStore>();
        services.AddSingleton<RollupRebuilder>();
        services.AddSingleton<StoredRollups>();
        services.AddInstanceCache(StoredRollups.CachePurpose, StoredRollups.MaxCachedBarbers);
        services.TryAddSingleton<ILedgerChangeListener, AnalyticsLedgerChanges>();
        services.AddSingleton(new CollectionScheduleClock(configuration[CommissionCollectionJob.Setting]));
        services.AddSingleton<RecentTransactionsReader>();
        services.AddSingleton<ShopTotalsReader>();
        services.AddSingleton<AuditLog>();
        services.TryAddSingleton(ProcessorHealthOptions.Default);
        services.AddSingleton<ProcessorHealth>();
        services.AddSingleton<IProcessorHealth>(sp => sp.GetRequiredService<ProcessorHealth>());
        services.TryAddSingleton(ProcessorCallPolicyOptions.Default);
        services.AddSingleton<ProcessorCallPolicy>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<ReconciliationWatchlist>();
        services.AddSingleton<PaymentLedger>();
        services.AddSingleton(new ProcessorEndpoints(settings.StripeSecretKey, settings.StripeApiBase, settings.SquareApiBase ?? SquareClientOptions.ProductionAddress));
        services.AddSingleton(sp => new SquareClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient("square"),
            new SquareClientOptions { BaseAddress = sp.GetRequiredService<ProcessorEndpoints>().SquareBaseAddress }));
        services.AddSingleton<StripeClients>();
        services.AddSingleton<PaymentGateways>();
        services.AddSingleton<StripeCustomers>();
        services.AddSingleton<PaymentProcessor>();
        services.AddSingleton<ExternalPaymentRecorder>();
        services.AddSingleton<PaymentReconciler>();


        // Connections (outside processors)
        services.AddSingleton<IStripeConnectionApi, StripeConnectionApi>();
        services.AddSingleton<ConnectionVerifier>();
        services.AddSingleton<ConnectionWebhooks>();
        services.AddSingleton<ConnectionAccess>();
        services.AddSingleton<ConnectionManager>();
        services.AddSingleton(SquareApplication.From(settings));
        services.AddSingleton<ConnectionTokenRefresher>();

        // External transactions
        services.AddSingleton<ExternalTransactionStore>();
        services.AddSingleton<TransactionReconciler>();
        services.AddSingleton<ExternalTransactionReader>();

        // Sync
        services.TryAddSingleton(new SyncOptions { RescanWindow = settings.SyncRescanWindow ?? SyncOptions.DefaultRescanWindow });
        services.AddSingleton(new SyncSchedule(configuration[TransactionSyncJob.Setting]));
        services.AddSingleton<SyncStateStore>();
        services.AddSingleton<IPaymentSource, SquarePaymentSource>();
        services.AddSingleton<IPaymentSource, StripePaymentSource>();
        services.AddSingleton<TransactionSyncEngine>();

        // Webhooks
        services.AddInstanceCache(WebhookTargets.CachePurpose, WebhookTargets.MaxCachedTargets);
        services.AddSingleton<WebhookTargets>();
        services.AddSingleton<WebhookEventLog>();
        services.AddSingleton<WebhookReceiver>();
        services.AddSingleton<WebhookEventEffects>();

        // Collections
        services.AddSingleton(CollectionSettings.From(configuration));
        services.TryAddSingleton<ICollectionFaults, NoCollectionFaults>();
        services.AddSingleton<CollectionSteps>();
        services.AddSingleton<CollectionStore>();
        services.AddInstanceCache(CollectionReader.CachePurpose, CollectionReader.MaxCachedBarbers);
        services.AddSingleton<CollectionReader>();
        services.AddSingleton<ITransactionCommissionReader, TransactionCommissionReader>();
        services.AddSingleton<CollectionBuilder>();
        services.AddSingleton<CollectionCharger>();
        services.AddSingleton<ICollectionChargeGateway, StripeCollectionGateway>();
        services.AddSingleton<CommissionNetting>();
        services.AddSingleton<CollectionChargeAudit>();
        services.AddSingleton<CollectionInvariantChecker>();

        services.AddSingleton(new RouteTable(AppCatalog.Endpoints));
        services.AddSingleton(sp => new ApiCors(settings.CorsAllowedOrigins ?? [], sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ApiDispatcher>();
        services.AddSingleton<QueueSender>();
        services.AddSingleton<QueueDispatcher>();
        foreach (var queue in AppCatalog.Queues) services.AddScoped(queue.HandlerType);
        foreach (var schedule in AppCatalog.Schedules) services.AddScoped(schedule.JobType);
        return services;
    }
}
