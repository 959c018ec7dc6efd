using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Routing;

/// <summary><c>GET /hybrid-payments/options/{barber_id}</c> and <c>/my-options</c>: how this barber can be paid, at what price.</summary>
public static class PaymentOptionsEndpoints
{
    public static Task<Ok<PaymentOptionsResponse>> GetForBarber(
        [FromRoute] int barberId, [FromQuery] int? appointmentId, [FromQuery] decimal? amount,
        BarberProcessorsReader barberProcessors, BookingDirectory bookings, CancellationToken cancellationToken) =>
        Options(barberId, appointmentId, amount, barberProcessors, bookings, cancellationToken);

    public static Task<Ok<PaymentOptionsResponse>> GetMine(
        Caller caller, [FromQuery] int? appointmentId, [FromQuery] decimal? amount,
        BarberProcessorsReader barberProcessors, BookingDirectory bookings, CancellationToken cancellationToken)
        => Options(BarberSubject.Own(caller, "/hybrid-payments/options"), appointmentId, amount, barberProcessors, bookings, cancellationToken);

    private static async Task<Ok<PaymentOptionsResponse>> Options(
        int barberId, int? appointmentId, decimal? amount, BarberProcessorsReader barberProcessors, BookingDirectory bookings, CancellationToken cancellationToken)
    {
        if (appointmentId is <= 0) throw DomainException.Validation("appointment_id", "appointment_id must be a positive integer.");
        var known = BarberSubject.EnsureKnownAsync(bookings, barberId, cancellationToken);
        var processorsTask = barberProcessors.ReadAsync(barberId, cancellationToken);
        await known;
        Appointment? appointment = null;
        if (appointmentId is { } id)
        {
            appointment = await bookings.GetAppointmentAsync(id, cancellationToken);
            if (appointment is null || appointment.BarberId != barberId) throw DomainException.NotFound("appointment", id);
        }
        var currency = appointment?.Price.Currency ?? Currency.Usd;
        var money = amount is not null ? AmountInput.Parse(amount, currency) : appointment?.Price;
        var processors = await processorsTask;
        var config = processors.Config;

        var methods = new List<AvailableMethod>();
        var platformOption = processors.Platform(currency);
        if (platformOption is { Available: true } platform)
            methods.Add(new AvailableMethod("platform", "stripe", "BookedBarber Payments", platform.Fees.Rate, config.CommissionRate, true, "instant"));
        var external = processors.ExternalOptions(currency.Code).Where(o => o.Available).ToList();
        methods.AddRange(external.Select(o => new AvailableMethod("external", o.Processor, DisplayName(o.Processor), o.Fees.Rate, config.CommissionRate, true, "1-3 seconds")));

        return TypedResults.Ok(new PaymentOptionsResponse(
            barberId,
            RoutingNames.Mode(config.PaymentMode),
            methods,
            DefaultMethod(processors, money),
            config.FallbackEnabled,
            processors.Connections.Where(c => c.Status != ConnectionStatus.Disconnected)
                .Select(c => new ExternalConnectionSummary(c.Id, c.ProcessorType, c.AccountName, c.Status, c.LastTransactionAt)).ToList(),
            Breakdown(platformOption, external.FirstOrDefault(), config.CommissionRate, currency, money)));
    }

    /// <summary>Where a payment goes with no client preference: routed for the amount when there is one, by mode otherwise.</summary>
    private static string DefaultMethod(BarberProcessors processors, Money? amount)
    {
        if (amount is { } money && PaymentRouter.Route(processors.Request(money, null)) is Routed routed)
            return routed.Processor.IsPlatform ? "platform" : "external";
        var hasExternal = processors.ExternalOptions(amount?.Currency.Code ?? Currency.Usd.Code).Any(o => o.Available);
        return processors.Config.PaymentMode != PaymentMode.Centralized && hasExternal ? "external" : "platform";
    }

    /// <summary>
    /// Total cost of each way as a share of the amount (processing + commission). With an amount, the exact rounded fees
    /// (fixed per-transaction parts included) divided by it; without one, the percentage rates alone.
    /// </summary>
    private static FeeBreakdown Breakdown(
        ProcessorOption? platform, ProcessorOption? external, decimal commissionRate, Currency currency, Money? amount)
    {
        decimal Share(FeeSchedule fees) => amount is { IsPositive: true } money
            ? decimal.Round(FeeCalculator.Estimate(money, fees, commissionRate).Total.Minor / (decimal)money.Minor, 4, MidpointRounding.AwayFromZero)
            : fees.Rate + commissionRate;
        // The platform's price is shown even when the barber has no Connect account; in a currency the platform does not
        // take, its USD rate alone (no fixed part we could state in that currency).
        var platformFees = platform is { Available: true } ? platform.Fees : FeeSchedule.PlatformStripe(currency);
        var platformShare = platformFees is not null ? Share(platformFees) : FeeSchedule.PlatformStripe(Currency.Usd)!.Rate + commissionRate;
        decimal? externalShare = external is null ? null : Share(external.Fees);
        return new FeeBreakdown(platformShare, externalShare, externalShare is { } e ? platformShare - e : null);
    }

    private static string DisplayName(string processor) => processor switch
    {
        ProcessorTypes.Square => "Square POS",
        ProcessorTypes.Stripe => "Stripe (own account)",
        _ => processor,
    };
}
