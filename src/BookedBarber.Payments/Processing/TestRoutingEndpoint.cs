using BookedBarber.Payments.Routing;
using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Processing;

/// <summary><c>POST /hybrid-payments/test-routing</c>: what <c>process</c> would do with this request, without charging.</summary>
public static class TestRoutingEndpoint
{
    public static async Task<Ok<TestRoutingResponse>> Handle(
        [FromBody] ProcessPaymentRequest body, Caller caller, PaymentTargets targets,
        BarberProcessorsReader barberProcessors, TimeProvider clock, CancellationToken cancellationToken)
    {
        ProcessPaymentEndpoint.CheckCardsAndMetadata(body);
        var target = await targets.ResolveAsync(caller, body.AppointmentId, body.Amount, body.Currency, body.ClientPreference, cancellationToken);
        var processors = await barberProcessors.ReadAsync(target.BarberId, cancellationToken);
        var outcome = PaymentRouter.Route(target.RequestFor(processors));
        if (outcome is Routed chargeable)
        {
            target.EnsureChargeable(chargeable);
            // What process would refuse, the dry run refuses too: a card that the routed processor cannot charge.
            if (body.PaymentMethodData?.CardToken is { } card) new CardTokens(card, body.PaymentMethodData.PlatformCardToken, body.PaymentMethodData.SavePaymentMethod ?? false).For(chargeable);
        }
        var input = new TestRoutingInput(target.Appointment.Id, target.Amount.ToMajor(), target.Amount.Currency.Code, body.ClientPreference);
        var now = clock.GetUtcNow();
        var commissionPercent = RoutingNames.Percent(processors.Config.CommissionRate);
        return TypedResults.Ok(outcome switch
        {
            Routed routed => new TestRoutingResponse(now, input, RoutingNames.Decision(routed.Decision),
                new TestRoutingDetails(routed.Processor.Processor, routed.Processor.ConnectionId, commissionPercent),
                true, RoutingNames.ProcessingTime(routed.Processor),
                new TestRoutingEstimatedFees(routed.Fees.ProcessingFee.ToMajor(), routed.Fees.Commission.ToMajor(), routed.Fees.Total.ToMajor())),
            Unroutable failed => new TestRoutingResponse(now, input, null, null, false, null, null) { FailureReason = failed.Reason },
            _ => throw new InvalidOperationException("Unknown routing outcome."),
        });
    }
}
