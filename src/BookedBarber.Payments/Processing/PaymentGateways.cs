using BookedBarber.Payments.Processors.Stripe;
using BookedBarber.Payments.Ledger;
using System.Net;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Processors.Square;
using Stripe;

namespace BookedBarber.Payments.Processing;

/// <summary>
/// Makes charges: on the platform's Stripe with the commission taken as an application fee and the rest transferred to
/// the barber's Connect account; on the barber's own Square location or Stripe account with their sealed credentials.
/// Declines become <see cref="PaymentDeclinedException"/>, refusals <see cref="ProcessorRejectedException"/>; anything
/// else (timeouts, 5xx, connection failures) propagates as transient.
/// </summary>
public sealed class PaymentGateways(ProcessorEndpoints endpoints, SquareClient square, ConnectionSecrets secrets, StripeClients stripeClients, StripeCustomers customers)
{
    public async Task<ChargeResult> ChargePlatformAsync(ChargeRequest charge, PlatformAccount account, CancellationToken cancellationToken)
    {
        var key = endpoints.PlatformStripeSecretKey ?? throw new ProcessorRejectedException("stripe_platform", 0, "not_configured", "The platform's Stripe key is not configured.");
        var options = IntentOptions(charge);
        options.ApplicationFeeAmount = charge.Commission.Minor + (charge.NettedCommission?.Minor ?? 0);
        options.TransferData = new PaymentIntentTransferDataOptions { Destination = account.StripeAccountId };
        return await CreateIntentAsync("stripe_platform", key, options, charge, "platform", cancellationToken);
    }

    public async Task<ChargeResult> ChargeConnectionAsync(ChargeRequest charge, ProcessorConnection connection, CancellationToken cancellationToken)
    {
        var config = Secrets(connection);
        return connection.ProcessorType switch
        {
            ProcessorTypes.Square => await ChargeSquareAsync(charge, connection, config, cancellationToken),
            ProcessorTypes.Stripe => await CreateIntentAsync(ProcessorTypes.Stripe,
                config.SecretKey ?? throw new ProcessorRejectedException(ProcessorTypes.Stripe, 0, "credentials_missing", "The Stripe connection has no secret key."),
                IntentOptions(charge), charge, $"connection-{connection.Id}", cancellationToken),
            _ => throw new ProcessorRejectedException(connection.ProcessorType, 0, "unsupported", $"Payments through {connection.ProcessorType} are not supported."),
        };
    }

    private async Task<ChargeResult> ChargeSquareAsync(ChargeRequest charge, ProcessorConnection connection, ConnectionCredentials config, CancellationToken cancellationToken)
    {
        // Refused before any attempt (CardTokens.For); never charge while silently not saving.
        if (charge.SaveForClientId is not null)
            throw new ProcessorRejectedException(ProcessorTypes.Square, 0, "save_not_supported", "Saving a card on file at Square is not supported.");
        try
        {
            var payment = await square.CreatePaymentAsync(config.AccessToken ?? "", new SquareCreatePaymentRequest
            {
                SourceId = charge.CardToken,
                IdempotencyKey = charge.IdempotencyKey,
                AmountMoney = new SquareMoney(charge.Amount.Minor, charge.Amount.Currency.Code),
                LocationId = config.LocationId ?? connection.LocationId,
                // reference_id stays the attempt id (how the reconciler finds the payment); the note names the booking.
                ReferenceId = charge.AttemptId,
                Note = NoteFor(charge.AppointmentId),
            }, cancellationToken);
            return new ChargeResult(payment.Id, null, payment.CardDetails?.Card?.CardBrand, payment.CardDetails?.Card?.Last4);
        }
        catch (SquareApiException ex) when (ex.IsDecline)
        {
            throw new PaymentDeclinedException(ProcessorTypes.Square, ex.Code, ex.Code.ToLowerInvariant(), ex.Detail ?? "The card was declined.", ex.Payment?.Id);
        }
        catch (SquareApiException ex) when (!ex.IsRetryable)
        {
            throw new ProcessorRejectedException(ProcessorTypes.Square, ex.Status, ex.Code, ex.Detail ?? ex.Message);
        }
    }

    /// <summary>The note on a Square payment we make: names the booking in our appointment-reference convention.</summary>
    public static string NoteFor(int appointmentId) =>
        $"BookedBarber appointment {appointmentId.ToString(System.Globalization.CultureInfo.InvariantCulture)} {AppointmentReference.Format(appointmentId)}";

    private static PaymentIntentCreateOptions IntentOptions(ChargeRequest charge) => new()
    {
        Amount = charge.Amount.Minor,
        Currency = charge.Amount.Currency.Code.ToLowerInvariant(),
        PaymentMethod = charge.CardToken,
        Confirm = true,
        AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true, AllowRedirects = "never" },
        Description = charge.Description,
        Metadata = new Dictionary<string, string>
        {
            ["attempt_id"] = charge.AttemptId,
            ["barber_id"] = charge.BarberId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["appointment_id"] = charge.AppointmentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    private async Task<ChargeResult> CreateIntentAsync(string processor, string apiKey, PaymentIntentCreateOptions options, ChargeRequest charge, string account,
        CancellationToken cancellationToken)
    {
        var stripe = StripeClientFor(apiKey);
        var service = new PaymentIntentService(stripe);
        try
        {
            if (charge.SaveForClientId is { } clientId)
            {
                // Stripe saves the card it charges to the customer when the intent says it will be used again off-session.
                options.Customer = await customers.EnsureAsync(stripe, account, clientId, cancellationToken);
                options.SetupFutureUsage = "off_session";
            }
            var intent = await service.CreateAsync(options, new RequestOptions { IdempotencyKey = charge.IdempotencyKey }, cancellationToken);
            var saved = options.Customer is { } customer && intent.PaymentMethodId is { } method ? new SavedPaymentMethod(processor, method, customer) : null;
            return new ChargeResult(intent.Id, null, null, null, saved);
        }
        catch (StripeException ex) when (ex.StripeError?.Type == "card_error")
        {
            throw new PaymentDeclinedException(processor, ex.StripeError.Code ?? "card_declined", ex.StripeError.DeclineCode, ex.StripeError.Message ?? ex.Message,
                ex.StripeError.PaymentIntent?.Id);
        }
        catch (StripeException ex) when (ex.HttpStatusCode is not (HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests) && (int)ex.HttpStatusCode is > 0 and < 500)
        {
            throw new ProcessorRejectedException(processor, (int)ex.HttpStatusCode, ex.StripeError?.Code ?? ex.StripeError?.Type ?? "invalid_request", ex.StripeError?.Message ?? ex.Message);
        }
    }

    // Our own policy retries, with the same idempotency key; Stripe.net's own retries are off.
    private StripeClient StripeClientFor(string apiKey) => stripeClients.For(apiKey, networkRetries: 0);

    /// <summary>
    /// What the processor knows of an attempt we never settled (we crashed, or timed out, after calling it): found by the
    /// attempt id we gave it (Stripe metadata, Square reference_id). Absent means the charge never happened.
    /// </summary>
    public async Task<ChargeLookup> FindAsync(PaymentAttempt attempt, ProcessorConnection? connection, CancellationToken cancellationToken)
    {
        if (connection is null || connection.ProcessorType == ProcessorTypes.Stripe)
        {
            var key = connection is null
                ? endpoints.PlatformStripeSecretKey ?? throw new ProcessorRejectedException("stripe_platform", 0, "not_configured", "The platform's Stripe key is not configured.")
                : Secrets(connection).SecretKey ?? "";
            var found = await new PaymentIntentService(StripeClientFor(key)).SearchAsync(
                new PaymentIntentSearchOptions { Query = $"metadata['attempt_id']:'{attempt.AttemptId}'" }, cancellationToken: cancellationToken);
            var intent = found.Data.FirstOrDefault();
            return intent?.Status switch
            {
                null => ChargeLookup.Absent,
                "succeeded" => new ChargeLookup(AttemptStatus.Completed, intent.Id),
                "requires_payment_method" or "canceled" => new ChargeLookup(AttemptStatus.Declined, intent.Id),
                _ => new ChargeLookup(AttemptStatus.Pending, intent.Id),
            };
        }
        var config = Secrets(connection);
        var window = new SquareListPaymentsOptions
        {
            BeginTime = attempt.CreatedAt.AddMinutes(-5),
            EndTime = attempt.CreatedAt.AddMinutes(30),
            LocationId = config.LocationId ?? connection.LocationId,
        };
        await foreach (var payment in square.ListPaymentsAsync(config.AccessToken ?? "", window, cancellationToken))
        {
            if (payment.ReferenceId != attempt.AttemptId) continue;
            return payment.Status switch
            {
                "COMPLETED" => new ChargeLookup(AttemptStatus.Completed, payment.Id),
                "FAILED" or "CANCELED" => new ChargeLookup(AttemptStatus.Declined, payment.Id),
                _ => new ChargeLookup(AttemptStatus.Pending, payment.Id),
            };
        }
        return ChargeLookup.Absent;
    }

    private ConnectionCredentials Secrets(ProcessorConnection connection) => secrets.Open(connection);

    /// <summary>Whether a failure is the processor's (worth a retry and counted against its health) rather than the request's.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        PaymentDeclinedException or ProcessorRejectedException => false,
        StripeException stripe => (int)stripe.HttpStatusCode is 0 or 409 or 429 or >= 500,
        SquareApiException squareError => squareError.IsRetryable,
        HttpRequestException or TimeoutException or TaskCanceledException => true,
        _ => false,
    };
}
