using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Http;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Security;

namespace BookedBarber.Payments.Routing;

/// <summary>A change to a barber's payment configuration: checked, applied, audited, and the routing inputs refreshed.</summary>
public sealed class PaymentConfigChanges(
    PaymentConfigStore configs, CommissionRateHistory rates, BookingDirectory bookings, BarberProcessorsReader processors, AuditLog audit, TimeProvider clock)
{
    private static readonly string[] Frequencies = ["daily", "weekly", "monthly"];
    private static readonly string[] PreferredProcessors = [ProcessorTypes.Square, ProcessorTypes.Stripe];

    // Collections/CollectionMethods names these; Routing cannot import Collections (Collections reads the config).
    private const string CardOnFile = "card_on_file";
    private const string Netting = "netting";
    private static readonly string[] CollectionMethodNames = [BarberPaymentConfig.DefaultCollectionMethod, CardOnFile, Netting];
    private static readonly string[] FallbackMethodNames = [BarberPaymentConfig.DefaultCollectionMethod, CardOnFile];
    private static readonly System.Text.RegularExpressions.Regex CustomerId = new(@"^cus_[A-Za-z0-9]{1,250}\z"); // \z: $ would let a trailing newline through
    private static readonly System.Text.RegularExpressions.Regex PaymentMethodId = new(@"^pm_[A-Za-z0-9_]{1,250}\z");

    public async Task<PaymentConfigResponse> ApplyAsync(int barberId, PaymentConfigUpdateRequest body, Caller caller, string requestId, CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin && (body.CommissionRate is not null || body.CommissionCollectionFrequency is not null || body.AutoCollectionEnabled is not null))
            throw new DomainException(ErrorCodes.InsufficientPermissions,
                "The platform's commission terms (commission_rate, commission_collection_frequency, auto_collection_enabled) are set by the platform.",
                new Dictionary<string, object?> { ["required_role"] = Roles.Admin });
        var change = Validate(body);
        await BarberSubject.EnsureKnownAsync(bookings, barberId, cancellationToken);
        var now = clock.GetUtcNow();
        var (before, after) = await configs.UpdateAsync(barberId, current =>
        {
            var next = change(current);
            if (next == current) return current; // nothing changes: the configuration stays in effect as it was
            CheckThresholds(next);
            CheckCollectionCard(next);
            return next with { EffectiveFrom = now };
        }, cancellationToken);
        if (before == after) return PaymentConfigResponse.From(after);
        if (before.CommissionRate != after.CommissionRate)
            await rates.RecordChangeAsync(barberId, before.CommissionRate, after.CommissionRate, after.EffectiveFrom, cancellationToken);
        processors.Invalidate(barberId);
        await audit.RecordAsync(barberId, caller, "payment_config.updated",
            PaymentConfigResponse.From(before), PaymentConfigResponse.From(after), requestId, cancellationToken);
        return PaymentConfigResponse.From(after);
    }

    /// <summary>Checks every field on its own, before anything is read or written; returns the change to apply.</summary>
    private static Func<BarberPaymentConfig, BarberPaymentConfig> Validate(PaymentConfigUpdateRequest body)
    {
        PaymentMode? mode = body.PaymentMode is null ? null
            : Enum.TryParse<PaymentMode>(body.PaymentMode, ignoreCase: true, out var m) && body.PaymentMode.All(char.IsLetter) ? m
            : throw DomainException.Validation("payment_mode", "payment_mode must be centralized, decentralized or hybrid.");
        if (body.PreferredProcessor is { } processor && !PreferredProcessors.Contains(processor))
            throw DomainException.Validation("preferred_processor", "preferred_processor must be square or stripe.");
        if (body.CommissionRate is { } rate && rate is < 0 or > 1)
            throw DomainException.Validation("commission_rate", "commission_rate must be between 0 and 1.");
        if (body.CommissionCollectionFrequency is { } frequency && !Frequencies.Contains(frequency))
            throw DomainException.Validation("commission_collection_frequency", "commission_collection_frequency must be daily, weekly or monthly.");
        if (body.CollectionMethod is { } method && !CollectionMethodNames.Contains(method))
            throw DomainException.Validation("collection_method", "collection_method must be stripe_connect, card_on_file or netting.");
        if (body.CollectionFallbackMethod is { } fallback && !FallbackMethodNames.Contains(fallback))
            throw DomainException.Validation("collection_fallback_method", "collection_fallback_method must be stripe_connect or card_on_file.");
        if (body.CollectionCustomerId is { IsSet: true, Value: { } customer } && !CustomerId.IsMatch(customer))
            throw DomainException.Validation("collection_customer_id", "collection_customer_id must be a Stripe customer id (cus_...) of the platform's account, or null.");
        if (body.CollectionPaymentMethodId is { IsSet: true, Value: { } paymentMethod } && !PaymentMethodId.IsMatch(paymentMethod))
            throw DomainException.Validation("collection_payment_method_id", "collection_payment_method_id must be a Stripe payment method id (pm_...), or null.");
        var currency = body.Currency is null ? null : AmountInput.ParseCurrency(body.Currency);
        // Thresholds are held in the currency sent, else the stored one: checked now in the one sent (or as USD, whose places
        // no supported currency exceeds), and read again in the stored one once it is known.
        var thresholdCurrency = currency ?? Currency.Usd;
        Threshold(body.MinExternalAmount, "min_external_amount", thresholdCurrency);
        Threshold(body.MaxPlatformAmount, "max_platform_amount", thresholdCurrency);
        Threshold(body.SplitThreshold, "split_threshold", thresholdCurrency);

        return c =>
        {
            var next = currency ?? c.Currency;
            var min = Threshold(body.MinExternalAmount, "min_external_amount", next);
            var max = Threshold(body.MaxPlatformAmount, "max_platform_amount", next);
            var split = Threshold(body.SplitThreshold, "split_threshold", next);
            return Apply(c, next, min, max, split);
        };

        BarberPaymentConfig Apply(BarberPaymentConfig c, Currency next, Optional<Money?> min, Optional<Money?> max, Optional<Money?> split) => c with
        {
            Currency = next,
            PaymentMode = mode ?? c.PaymentMode,
            PreferredProcessor = body.PreferredProcessor ?? c.PreferredProcessor,
            FallbackEnabled = body.FallbackEnabled ?? c.FallbackEnabled,
            MinExternalAmount = min.IsSet ? min.Value : c.MinExternalAmount,
            MaxPlatformAmount = max.IsSet ? max.Value : c.MaxPlatformAmount,
            SplitThreshold = split.IsSet ? split.Value : c.SplitThreshold,
            CommissionRate = body.CommissionRate ?? c.CommissionRate,
            CommissionCollectionFrequency = body.CommissionCollectionFrequency ?? c.CommissionCollectionFrequency,
            AutoCollectionEnabled = body.AutoCollectionEnabled ?? c.AutoCollectionEnabled,
            WebhookNotifications = body.WebhookNotifications ?? c.WebhookNotifications,
            EmailNotifications = body.EmailNotifications ?? c.EmailNotifications,
            AnalyticsEnabled = body.AnalyticsEnabled ?? c.AnalyticsEnabled,
            CollectionMethod = body.CollectionMethod ?? c.CollectionMethod,
            CollectionFallbackMethod = body.CollectionFallbackMethod ?? c.CollectionFallbackMethod,
            CollectionCustomerId = body.CollectionCustomerId.IsSet ? body.CollectionCustomerId.Value : c.CollectionCustomerId,
            CollectionPaymentMethodId = body.CollectionPaymentMethodId.IsSet ? body.CollectionPaymentMethodId.Value : c.CollectionPaymentMethodId,
        };
    }

    private static Optional<Money?> Threshold(Optional<decimal?> value, string field, Currency currency)
    {
        if (!value.IsSet) return default;
        if (value.Value is not { } amount) return new Optional<Money?>(null);
        return new Optional<Money?>(AmountInput.Parse(amount, currency, field));
    }

    /// <summary>
    /// Thresholds that leave some amounts with nowhere to go, or contradict each other, are refused. So is a change of
    /// currency that would keep a threshold set in the old one: nothing is converted or cleared behind the barber's back,
    /// so the same request sends each set threshold again in the new currency, or null to clear it.
    /// </summary>
    private static void CheckThresholds(BarberPaymentConfig c)
    {
        (string Field, Money? Value)[] thresholds =
            [("min_external_amount", c.MinExternalAmount), ("max_platform_amount", c.MaxPlatformAmount), ("split_threshold", c.SplitThreshold)];
        if (thresholds.FirstOrDefault(t => t.Value is { } v && v.Currency != c.Currency) is ({ } field, { } stale))
            throw new DomainException(ErrorCodes.ValidationError,
                $"currency changes to {c.Currency.Code} while {field} is set in {stale.Currency.Code}: send {field} in {c.Currency.Code} (or null to clear it) in the same request.",
                new Dictionary<string, object?>
                {
                    ["field"] = "currency", ["reason"] = "thresholds are set in another currency", ["threshold"] = field, ["threshold_currency"] = stale.Currency.Code,
                });
        if (c.MinExternalAmount is { } min && c.MaxPlatformAmount is { } max && min > max)
            throw Contradiction("min_external_amount", "min_external_amount is above max_platform_amount: amounts between them could go nowhere.");
        if (c.SplitThreshold is { } split && c.MinExternalAmount is { } minimum && split < minimum)
            throw Contradiction("split_threshold", "split_threshold is below min_external_amount.");
        if (c.SplitThreshold is { } s && c.MaxPlatformAmount is { } maximum && s > maximum)
            throw Contradiction("split_threshold", "split_threshold is above max_platform_amount.");
    }

    /// <summary>
    /// A barber collected by card on file (directly, or as netting's fallback) must have the card to charge: both the
    /// customer and the payment method, checked on the configuration the change leaves, so neither can be cleared from under it.
    /// </summary>
    private static void CheckCollectionCard(BarberPaymentConfig c)
    {
        var byCard = c.CollectionMethod == CardOnFile || (c.CollectionMethod == Netting && c.CollectionFallbackMethod == CardOnFile);
        if (!byCard) return;
        var missing = c.CollectionCustomerId is null ? "collection_customer_id" : c.CollectionPaymentMethodId is null ? "collection_payment_method_id" : null;
        if (missing is not null)
            throw new DomainException(ErrorCodes.ValidationError,
                $"Collecting commission by card_on_file needs the barber's saved card: {missing} is required.",
                new Dictionary<string, object?> { ["field"] = missing, ["reason"] = "required by card_on_file" });
    }

    private static DomainException Contradiction(string field, string message) =>
        new(ErrorCodes.ValidationError, message, new Dictionary<string, object?> { ["field"] = field, ["reason"] = "contradicts another threshold" });
}
