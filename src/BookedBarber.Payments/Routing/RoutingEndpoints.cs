using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Routing;

/// <summary><c>POST /hybrid-payments/route</c>: where a payment would go and what it would cost, without charging.</summary>
public static class RoutingEndpoints
{
    public static async Task<Ok<RoutePaymentResponse>> Route(
        [FromBody] RoutePaymentRequest body, Caller caller, PaymentTargets targets, BarberProcessorsReader barberProcessors, CancellationToken cancellationToken)
    {
        var target = await targets.ResolveAsync(caller, body.AppointmentId, body.Amount, body.Currency, body.ClientPreference, cancellationToken);
        var processors = await barberProcessors.ReadAsync(target.BarberId, cancellationToken);
        var routed = PaymentRouter.RouteOrFail(target.RequestFor(processors), target);

        var net = FeeCalculator.Net(target.Amount, routed.Fees);
        return TypedResults.Ok(new RoutePaymentResponse(
            RoutingNames.Decision(routed.Decision),
            routed.Processor.IsPlatform ? "platform" : routed.Processor.Processor,
            new RouteRoutingDetails(RoutingNames.Mode(processors.Config.PaymentMode), routed.Processor.Processor,
                RoutingNames.Percent(processors.Config.CommissionRate), routed.FallbackAvailable),
            new RouteEstimatedFees(routed.Fees.ProcessingFee.ToMajor(), routed.Fees.Commission.ToMajor(), routed.Fees.Total.ToMajor(), net.ToMajor()),
            RoutingNames.ProcessingTime(routed.Processor),
            target.Tip.ToMajor()));
    }

}
