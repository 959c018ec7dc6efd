using BookedBarber.Payments.Http;
using BookedBarber.Payments.Processing;
using Microsoft.AspNetCore.Http;

namespace BookedBarber.Payments.Routing;

/// <summary><c>POST /hybrid-payments/route</c> and <c>/test-routing</c>: where a payment would go and what it would cost, without charging.</summary>
public static class RoutingEndpoints
{
    public static async Task<IResult> Route(ApiCall call)
    {
        var body = await call.ReadJsonAsync<RoutePaymentRequest>();
        var target = await PaymentTarget.ResolveAsync(call, body.AppointmentId, body.Amount, body.Currency, body.ClientPreference);
        var processors = await call.Service<BarberProcessorsReader>().ReadAsync(target.BarberId, call.Aborted);
        var routed = RoutedOrFail(PaymentRouter.Route(target.RequestFor(processors)), target);

        var net = FeeCalculator.Net(target.Amount, routed.Fees);
        return ApiResults.Ok(new RoutePaymentResponse(
            RoutingNames.Decision(routed.Decision),
            routed.Processor.IsPlatform ? "platform" : routed.Processor.Processor,
            new RouteRoutingDetails(RoutingNames.Mode(processors.Config.PaymentMode), routed.Processor.Processor,
                RoutingNames.Percent(processors.Config.CommissionRate), routed.FallbackAvailable),
            new RouteEstimatedFees(routed.Fees.ProcessingFee.ToMajor(), routed.Fees.Commission.ToMajor(), routed.Fees.Total.ToMajor(), net.ToMajor()),
            RoutingNames.ProcessingTime(routed.Processor),
            target.Tip.ToMajor()));
    }

    public static async Task<IResult> TestRouting(ApiCall call)
    {
        var body = await call.ReadJsonAsync<ProcessPaymentRequest>();
        var target = await PaymentTarget.ResolveAsync(call, body.AppointmentId, body.Amount, body.Currency, body.ClientPreference);
        var processors = await call.Service<BarberProcessorsReader>().ReadAsync(target.BarberId, call.Aborted);
        var outcome = PaymentRouter.Route(target.RequestFor(processors));
        if (outcome is Routed chargeable) target.EnsureChargeable(chargeable);
        var input = new TestRoutingInput(target.Appointment.Id, target.Amount.ToMajor(), target.Amount.Currency.Code, body.ClientPreference);
        var now = call.Service<TimeProvider>().GetUtcNow();
        var commissionPercent = RoutingNames.Percent(processors.Config.CommissionRate);
        return ApiResults.Ok(outcome switch
        {
            Routed routed => new TestRoutingResponse(now, input, RoutingNames.Decision(routed.Decision),
                new TestRoutingDetails(routed.Processor.Processor, routed.Processor.ConnectionId, commissionPercent),
                true, RoutingNames.ProcessingTime(routed.Processor),
                new TestRoutingEstimatedFees(routed.Fees.ProcessingFee.ToMajor(), routed.Fees.Commission.ToMajor(), routed.Fees.Total.ToMajor())),
            Unroutable failed => new TestRoutingResponse(now, input, null, null, false, null, null) { FailureReason = failed.Reason },
            _ => throw new InvalidOperationException("Unknown routing outcome."),
        });
    }

    private static Routed Chargeable(Routed routed, PaymentTarget target)
    {
        target.EnsureChargeable(routed);
        return routed;
    }

    /// <summary>The routed payment, or 400 PAYMENT_ROUTING_FAILED with what was considered, as in the reference's example.</summary>
    public static Routed RoutedOrFail(RoutingOutcome outcome, PaymentTarget target) => outcome switch
    {
        Routed routed => Chargeable(routed, target),
        Unroutable failed => throw new ApiException(400, ErrorCodes.PaymentRoutingFailed, $"Unable to route payment: {failed.Reason}.",
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
}

/// <summary>How routing outcomes are named in the API.</summary>
public static class RoutingNames
{
    public static string Decision(RoutingDecision decision) => decision.ToString().ToLowerInvariant();

    public static string Mode(PaymentMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary>Routing details show the commission as a percentage (20.0), as the reference does.</summary>
    public static decimal Percent(decimal rate) => decimal.Round(rate * 100m, 1, MidpointRounding.AwayFromZero);

    public static string ProcessingTime(ProcessorOption processor) => processor.IsPlatform ? "Instant (real-time)" : "1-3 seconds";

    /// <summary>A measured duration as the reference shows it: seconds with one decimal ("1.2s").</summary>
    public static string Seconds(decimal milliseconds) =>
        decimal.Round(milliseconds / 1000m, 1, MidpointRounding.AwayFromZero).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "s";
}
