using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Http;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Money;
using Microsoft.AspNetCore.Http;

namespace BookedBarber.Payments.Routing;

/// <summary>A barber's payment configuration as the API shows it: thresholds in the currency's units (USD).</summary>
public sealed record PaymentConfigResponse(
    int BarberId,
    string PaymentMode,
    string? PreferredProcessor,
    bool FallbackEnabled,
    decimal? MinExternalAmount,
    decimal? MaxPlatformAmount,
    decimal? SplitThreshold,
    decimal CommissionRate,
    string CommissionCollectionFrequency,
    bool AutoCollectionEnabled,
    bool WebhookNotifications,
    bool EmailNotifications,
    bool AnalyticsEnabled,
    DateTimeOffset EffectiveFrom)
{
    public static PaymentConfigResponse From(BarberPaymentConfig c) => new(
        c.BarberId, c.PaymentMode.ToString().ToLowerInvariant(), c.PreferredProcessor, c.FallbackEnabled,
        Major(c.MinExternalAmountMinor), Major(c.MaxPlatformAmountMinor), Major(c.SplitThresholdMinor), c.CommissionRate,
        c.CommissionCollectionFrequency, c.AutoCollectionEnabled, c.WebhookNotifications, c.EmailNotifications, c.AnalyticsEnabled, c.EffectiveFrom);

    private static decimal? Major(long? minor) => minor is { } m ? new Money.Money(m, Currency.Usd).ToMajor() : null;
}

/// <summary>A change to the configuration: only the fields present change. Thresholds accept null to clear them.</summary>
public sealed record PaymentConfigUpdateRequest(
    string? PaymentMode,
    string? PreferredProcessor,
    bool? FallbackEnabled,
    Optional<decimal?> MinExternalAmount,
    Optional<decimal?> MaxPlatformAmount,
    Optional<decimal?> SplitThreshold,
    decimal? CommissionRate,
    string? CommissionCollectionFrequency,
    bool? AutoCollectionEnabled,
    bool? WebhookNotifications,
    bool? EmailNotifications,
    bool? AnalyticsEnabled);

/// <summary><c>GET/PUT /hybrid-payments/config</c> (the caller's own) and <c>/config/{barber_id}</c> (owners, admin).</summary>
public static class PaymentConfigEndpoints
{
    private static readonly string[] Frequencies = ["daily", "weekly", "monthly"];
    private static readonly string[] PreferredProcessors = [ProcessorTypes.Square, ProcessorTypes.Stripe];

    public static Task<IResult> GetOwn(ApiCall call) => Get(call, BarberSubject.Own(call.Caller, "/hybrid-payments/config"));

    public static Task<IResult> GetForBarber(ApiCall call) => Get(call, call.RouteId("barber_id"));

    public static Task<IResult> PutOwn(ApiCall call) => Put(call, BarberSubject.Own(call.Caller, "/hybrid-payments/config"));

    public static Task<IResult> PutForBarber(ApiCall call) => Put(call, call.RouteId("barber_id"));

    private static async Task<IResult> Get(ApiCall call, int barberId)
    {
        await BarberSubject.EnsureKnownAsync(call.Service<BookingDirectory>(), barberId, call.Aborted);
        return ApiResults.Ok(PaymentConfigResponse.From(await call.Service<PaymentConfigStore>().GetAsync(barberId, call.Aborted)));
    }

    private static async Task<IResult> Put(ApiCall call, int barberId)
    {
        var body = await call.ReadJsonAsync<PaymentConfigUpdateRequest>();
        if (!call.Caller.IsAdmin && (body.CommissionRate is not null || body.CommissionCollectionFrequency is not null || body.AutoCollectionEnabled is not null))
            throw new ApiException(403, ErrorCodes.InsufficientPermissions,
                "The platform's commission terms (commission_rate, commission_collection_frequency, auto_collection_enabled) are set by the platform.",
                new Dictionary<string, object?> { ["required_role"] = Security.Roles.Admin });
        var change = Validate(body);
        await BarberSubject.EnsureKnownAsync(call.Service<BookingDirectory>(), barberId, call.Aborted);
        var now = call.Service<TimeProvider>().GetUtcNow();
        var (before, after) = await call.Service<PaymentConfigStore>().UpdateAsync(barberId, current =>
        {
            var next = change(current) with { EffectiveFrom = now };
            CheckThresholds(next);
            return next;
        }, call.Aborted);
        call.Service<BarberProcessorsReader>().Invalidate(barberId);
        await call.Service<AuditLog>().RecordAsync(barberId, call.Caller, "payment_config.updated",
            PaymentConfigResponse.From(before), PaymentConfigResponse.From(after), call.RequestId, call.Aborted);
        return ApiResults.Ok(PaymentConfigResponse.From(after));
    }

    /// <summary>Checks every field on its own, before anything is read or written; returns the change to apply.</summary>
    private static Func<BarberPaymentConfig, BarberPaymentConfig> Validate(PaymentConfigUpdateRequest body)
    {
        PaymentMode? mode = body.PaymentMode is null ? null
            : Enum.TryParse<PaymentMode>(body.PaymentMode, ignoreCase: true, out var m) && body.PaymentMode.All(char.IsLetter) ? m
            : throw ApiException.Validation("payment_mode", "payment_mode must be centralized, decentralized or hybrid.");
        if (body.PreferredProcessor is { } processor && !PreferredProcessors.Contains(processor))
            throw ApiException.Validation("preferred_processor", "preferred_processor must be square or stripe.");
        if (body.CommissionRate is { } rate && rate is < 0 or > 1)
            throw ApiException.Validation("commission_rate", "commission_rate must be between 0 and 1.");
        if (body.CommissionCollectionFrequency is { } frequency && !Frequencies.Contains(frequency))
            throw ApiException.Validation("commission_collection_frequency", "commission_collection_frequency must be daily, weekly or monthly.");
        var min = Threshold(body.MinExternalAmount, "min_external_amount");
        var max = Threshold(body.MaxPlatformAmount, "max_platform_amount");
        var split = Threshold(body.SplitThreshold, "split_threshold");

        return c => c with
        {
            PaymentMode = mode ?? c.PaymentMode,
            PreferredProcessor = body.PreferredProcessor ?? c.PreferredProcessor,
            FallbackEnabled = body.FallbackEnabled ?? c.FallbackEnabled,
            MinExternalAmountMinor = min.IsSet ? min.Value : c.MinExternalAmountMinor,
            MaxPlatformAmountMinor = max.IsSet ? max.Value : c.MaxPlatformAmountMinor,
            SplitThresholdMinor = split.IsSet ? split.Value : c.SplitThresholdMinor,
            CommissionRate = body.CommissionRate ?? c.CommissionRate,
            CommissionCollectionFrequency = body.CommissionCollectionFrequency ?? c.CommissionCollectionFrequency,
            AutoCollectionEnabled = body.AutoCollectionEnabled ?? c.AutoCollectionEnabled,
            WebhookNotifications = body.WebhookNotifications ?? c.WebhookNotifications,
            EmailNotifications = body.EmailNotifications ?? c.EmailNotifications,
            AnalyticsEnabled = body.AnalyticsEnabled ?? c.AnalyticsEnabled,
        };
    }

    private static Optional<long?> Threshold(Optional<decimal?> value, string field)
    {
        if (!value.IsSet) return default;
        if (value.Value is not { } amount) return new Optional<long?>(null);
        return new Optional<long?>(AmountInput.Parse(amount, Currency.Usd, field).Minor);
    }

    /// <summary>Thresholds that leave some amounts with nowhere to go, or contradict each other, are refused.</summary>
    private static void CheckThresholds(BarberPaymentConfig c)
    {
        if (c.MinExternalAmountMinor is { } min && c.MaxPlatformAmountMinor is { } max && min > max)
            throw Contradiction("min_external_amount", "min_external_amount is above max_platform_amount: amounts between them could go nowhere.");
        if (c.SplitThresholdMinor is { } split && c.MinExternalAmountMinor is { } minimum && split < minimum)
            throw Contradiction("split_threshold", "split_threshold is below min_external_amount.");
        if (c.SplitThresholdMinor is { } s && c.MaxPlatformAmountMinor is { } maximum && s > maximum)
            throw Contradiction("split_threshold", "split_threshold is above max_platform_amount.");
    }

    private static ApiException Contradiction(string field, string message) =>
        new(400, ErrorCodes.ValidationError, message, new Dictionary<string, object?> { ["field"] = field, ["reason"] = "contradicts another threshold" });
}
