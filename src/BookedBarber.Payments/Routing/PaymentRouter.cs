using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Routing;

/// <summary>
/// Decides where a payment goes, as a pure function of the barber's configuration, their processors' health,
/// the amount and the client's preference:
/// <list type="bullet">
/// <item>centralized: the platform; decentralized: the barber's processor;</item>
/// <item>hybrid: the client's preference if given; otherwise below <c>min_external_amount</c> the platform,
/// above <c>max_platform_amount</c> or at/above <c>split_threshold</c> the barber's processor, and with no
/// threshold deciding, the barber's processor when one is connected. Thresholds are amounts of the barber's
/// currency and decide only payments in it: a payment in another currency is routed as if none were set;</item>
/// <item>the barber's processor is their preferred one if usable, else the cheapest usable for this amount;</item>
/// <item>when the barber's processor is wanted but none is usable, the platform takes it as <c>fallback</c> if
/// <c>fallback_enabled</c>; when the platform is wanted but unusable in hybrid mode, a usable processor of the
/// barber's takes it.</item>
/// </list>
/// </summary>
public static class PaymentRouter
{
    /// <summary>
    /// The routed payment, checked chargeable (<see cref="PaymentTarget.EnsureChargeable"/>), or PAYMENT_ROUTING_FAILED
    /// with what was considered, as in the reference's example.
    /// </summary>
    public static Routed RouteOrFail(RoutingRequest request, PaymentTarget target) => Route(request) switch
    {
        Routed routed => Chargeable(routed, target),
        Unroutable failed => throw new DomainException(ErrorCodes.PaymentRoutingFailed, $"Unable to route payment: {failed.Reason}.",
            new Dictionary<string, object?>
            {
                ["appointment_id"] = target.Appointment.Id,
                ["barber_id"] = target.BarberId,
                ["available_processors"] = failed.Considered.Where(o => o.Available).Select(o => o.Processor).ToArray(),
                ["unavailable_processors"] = failed.Considered.Where(o => !o.Available)
                    .Select(o => new Dictionary<string, object?> { ["processor"] = o.Processor, ["connection_id"] = o.ConnectionId, ["reason"] = o.UnavailableReason }).ToArray(),
            }),
        _ => throw new InvalidOperationException("Unknown routing outcome."),
    };

    private static Routed Chargeable(Routed routed, PaymentTarget target)
    {
        target.EnsureChargeable(routed);
        return routed;
    }

    public static RoutingOutcome Route(RoutingRequest request)
    {
        var config = request.Config;
        var platform = request.Platform is { Available: true } p ? p : null;
        var external = ChooseExternal(request);
        var wantsExternal = WantsExternal(request, external is not null, out var reason);

        if (wantsExternal)
        {
            if (external is not null) return Result(RoutingDecision.External, external, reason, platform is not null && config.FallbackEnabled);
            if (platform is not null && config.FallbackEnabled)
                return Result(RoutingDecision.Fallback, platform, "the barber's processor is unavailable; the platform takes the payment", false);
            return new Unroutable(
                config.FallbackEnabled ? "no external processor is available and the platform cannot take the payment" : "no external processor is available and fallback is disabled",
                Considered(request));
        }

        if (platform is not null) return Result(RoutingDecision.Centralized, platform, reason, external is not null && config.PaymentMode == PaymentMode.Hybrid);
        if (config.PaymentMode == PaymentMode.Hybrid && external is not null && !BelowMinimumExternal(request))
            return Result(RoutingDecision.External, external, "the platform is unavailable; the barber's processor takes the payment", false);
        return new Unroutable("the platform cannot take the payment and no alternative is allowed", Considered(request));

        Routed Result(RoutingDecision decision, ProcessorOption option, string why, bool fallbackAvailable) =>
            new(decision, option, why, fallbackAvailable, FeeCalculator.Estimate(request.Amount, option.Fees, config.CommissionRate, request.Tip));
    }

    private static bool WantsExternal(RoutingRequest request, bool externalUsable, out string reason)
    {
        var config = request.Config;
        switch (config.PaymentMode)
        {
            case PaymentMode.Centralized:
                reason = "the barber takes payments through the platform";
                return false;
            case PaymentMode.Decentralized:
                reason = "the barber takes payments through their own processor";
                return true;
        }

        if (request.Preference == ClientPreference.Platform) { reason = "the client chose the platform"; return false; }
        if (request.Preference == ClientPreference.External) { reason = "the client chose the barber's processor"; return true; }
        if (BelowMinimumExternal(request)) { reason = "the amount is below the barber's minimum for their processor"; return false; }
        var amount = request.Amount;
        if (InItsCurrency(config.MaxPlatformAmount, amount) is { } maxPlatform && amount > maxPlatform) { reason = "the amount is above the barber's platform maximum"; return true; }
        if (InItsCurrency(config.SplitThreshold, amount) is { } split)
        {
            reason = amount >= split ? "the amount is at or above the barber's split threshold" : "the amount is below the barber's split threshold";
            return amount >= split;
        }
        reason = externalUsable ? "hybrid mode prefers the barber's processor" : "hybrid mode; the barber's processor is unavailable";
        return externalUsable;
    }

    private static bool BelowMinimumExternal(RoutingRequest request) =>
        InItsCurrency(request.Config.MinExternalAmount, request.Amount) is { } min && request.Amount < min;

    /// <summary>The threshold when it is in the payment's currency; a threshold in another currency decides nothing.</summary>
    private static Money? InItsCurrency(Money? threshold, Money amount) =>
        threshold is { } t && t.Currency == amount.Currency ? t : null;

    private static ProcessorOption? ChooseExternal(RoutingRequest request)
    {
        var usable = request.Connections.Where(c => c.Available).ToList();
        return usable.FirstOrDefault(c => string.Equals(c.Processor, request.Config.PreferredProcessor, StringComparison.OrdinalIgnoreCase))
            ?? usable.OrderBy(c => FeeCalculator.Estimate(request.Amount, c.Fees, 0m).ProcessingFee.Minor).ThenBy(c => c.ConnectionId).FirstOrDefault();
    }

    private static IReadOnlyList<ProcessorOption> Considered(RoutingRequest request) =>
        request.Platform is { } platform ? [platform, .. request.Connections] : request.Connections;
}
