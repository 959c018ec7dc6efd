using Azure.Data.Tables;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Payments.Routing;

/// <summary>Reads and writes a barber's payment configuration, the <c>config</c> row of their ledger partition.</summary>
public sealed class PaymentConfigStore(StorageAccount storage, TimeProvider clock)
{
    private TableClient Ledger => storage.Table(storage.Names.Ledger);

    /// <summary>The stored configuration, or the migration guide's defaults when the barber has none yet.</summary>
    public async Task<BarberPaymentConfig> GetAsync(int barberId, CancellationToken cancellationToken)
    {
        var found = await Ledger.GetEntityIfExistsAsync<TableEntity>(LedgerPartition.For(barberId), LedgerPartition.ConfigRow, cancellationToken: cancellationToken);
        return found.HasValue ? FromEntity(barberId, found.Value!) : new BarberPaymentConfig(barberId, EffectiveFrom: clock.GetUtcNow());
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current configuration and stores it with the ETag it was read
    /// with, retrying on a concurrent change. Returns the configuration before and after.
    /// </summary>
    public async Task<(BarberPaymentConfig Before, BarberPaymentConfig After)> UpdateAsync(
        int barberId, Func<BarberPaymentConfig, BarberPaymentConfig> change, CancellationToken cancellationToken)
    {
        // Someone else changing the configuration meanwhile makes the write lose: the change is applied to their version.
        return await Ledger.UpdateAsync(LedgerPartition.For(barberId), LedgerPartition.ConfigRow, found =>
        {
            var before = found is not null ? FromEntity(barberId, found) : new BarberPaymentConfig(barberId, EffectiveFrom: clock.GetUtcNow());
            var after = change(before) with { BarberId = barberId };
            return found is not null && after == before ? EntityChanges.Keep((before, after)) : EntityChanges.Write(ToEntity(after), (before, after));
        }, cancellationToken);
    }

    /// <summary>Stores the configuration only if the barber has none (idempotent seeding). True when written.</summary>
    public Task<bool> AddIfAbsentAsync(BarberPaymentConfig config, CancellationToken cancellationToken) =>
        Ledger.TryAddEntityAsync(ToEntity(config), cancellationToken);

    private static TableEntity ToEntity(BarberPaymentConfig c) => new(LedgerPartition.For(c.BarberId), LedgerPartition.ConfigRow)
    {
        ["PaymentMode"] = c.PaymentMode.ToString(),
        ["PreferredProcessor"] = c.PreferredProcessor,
        ["FallbackEnabled"] = c.FallbackEnabled,
        ["Currency"] = c.Currency.Code,
        ["MinExternalAmountMinor"] = c.MinExternalAmount?.Minor,
        ["MaxPlatformAmountMinor"] = c.MaxPlatformAmount?.Minor,
        ["SplitThresholdMinor"] = c.SplitThreshold?.Minor,
        // Table storage has no decimal type; the rate is kept as its exact invariant text.
        ["CommissionRate"] = c.CommissionRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CommissionCollectionFrequency"] = c.CommissionCollectionFrequency,
        ["AutoCollectionEnabled"] = c.AutoCollectionEnabled,
        ["WebhookNotifications"] = c.WebhookNotifications,
        ["EmailNotifications"] = c.EmailNotifications,
        ["AnalyticsEnabled"] = c.AnalyticsEnabled,
        ["EffectiveFrom"] = c.EffectiveFrom,
        ["CollectionMethod"] = c.CollectionMethod,
        ["CollectionFallbackMethod"] = c.CollectionFallbackMethod,
        ["CollectionCustomerId"] = c.CollectionCustomerId,
        ["CollectionPaymentMethodId"] = c.CollectionPaymentMethodId,
    };

    private static BarberPaymentConfig FromEntity(int barberId, TableEntity e)
    {
        // Rows written before configurations carried a currency held their thresholds in USD.
        var currency = Currency.TryParse(e.GetString("Currency"), out var stored) ? stored : Currency.Usd;
        Money? Threshold(string column) => e.GetInt64(column) is { } minor ? new Money(minor, currency) : null;
        return new BarberPaymentConfig(
            barberId,
            Enum.TryParse<PaymentMode>(e.GetString("PaymentMode"), out var mode) ? mode : PaymentMode.Centralized,
            e.GetString("PreferredProcessor"),
            e.GetBoolean("FallbackEnabled") ?? true,
            Threshold("MinExternalAmountMinor"),
            Threshold("MaxPlatformAmountMinor"),
            Threshold("SplitThresholdMinor"),
            decimal.TryParse(e.GetString("CommissionRate"), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var rate)
                ? rate : BarberPaymentConfig.DefaultCommissionRate,
            e.GetString("CommissionCollectionFrequency") ?? "weekly",
            e.GetBoolean("AutoCollectionEnabled") ?? true,
            e.GetBoolean("WebhookNotifications") ?? true,
            e.GetBoolean("EmailNotifications") ?? true,
            e.GetBoolean("AnalyticsEnabled") ?? true,
            e.GetDateTimeOffset("EffectiveFrom") ?? default)
        {
            Currency = currency,
            CollectionMethod = e.GetString("CollectionMethod") ?? BarberPaymentConfig.DefaultCollectionMethod,
            CollectionFallbackMethod = e.GetString("CollectionFallbackMethod") ?? BarberPaymentConfig.DefaultCollectionMethod,
            CollectionCustomerId = e.GetString("CollectionCustomerId"),
            CollectionPaymentMethodId = e.GetString("CollectionPaymentMethodId"),
        };
    }
}
