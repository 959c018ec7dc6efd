using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Ledger;
using System.Diagnostics;
using BookedBarber.Payments.Routing;
using BookedBarber.Payments.Telemetry;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments.Processing;

/// <summary>
/// Takes one payment: routes it with each processor's shared health, records the attempt and takes the appointment,
/// charges through the retry/circuit policy with a processor-side idempotency key derived from the request's, falls
/// back to the platform when the barber's processor is down (never after a decline), and settles the attempt.
/// If we crash after charging, the attempt stays pending and <see cref="PaymentReconciler"/> settles it.
/// </summary>
public sealed class PaymentProcessor(
    BarberProcessorsReader reader,
    ProcessorHealth health,
    ProcessorCallPolicy policy,
    PaymentGateways gateways,
    PaymentLedger ledger,
    PaymentReconciler reconciler,
    ExternalPaymentRecorder recorder,
    CommissionNetting netting,
    TimeProvider clock,
    ILogger<PaymentProcessor> logger)
{
    /// <summary>The settled, completed attempt; throws the contract's error when it was declined or failed.</summary>
    public async Task<PaymentAttempt> ProcessAsync(PaymentTarget target, CardTokens cards, string idempotencyKey, AttemptKey key, CancellationToken cancellationToken)
    {
        if (key.BarberId != target.BarberId) throw new ArgumentException("The attempt key names another barber.", nameof(key));
        using var activity = PaymentsTelemetry.StartPayment(target.BarberId, target.Appointment.Id);
        var processors = await reader.ReadAsync(target.BarberId, cancellationToken);
        var request = await WithHealthAsync(target.RequestFor(processors), cancellationToken);
        var routed = PaymentRouter.RouteOrFail(request, target);
        var card = await CardForAsync(cards, routed, target, cancellationToken);

        var attempt = await BeginAsync(NewAttempt(key, target, routed, idempotencyKey), processors, cancellationToken);
        var watch = Stopwatch.StartNew();
        try
        {
            var result = await ChargeAsync(attempt, routed.Processor, processors, card, SaveFor(cards, target), cancellationToken);
            var completed = await SettleAsync(Completed(attempt, result, watch));
            if (completed.ConnectionId is not null && await recorder.RecordAsync(completed, result, target.Appointment.ClientId))
                reader.Invalidate(target.BarberId); // the connection's last transaction and totals moved
            return completed;
        }
        catch (ProcessorUnavailableException unavailable) when (CanFallBack(routed, request, processors) && cards.ForFallback(request.Platform!, card) is not null)
        {
            logger.LogWarning("Payment {AttemptId}: {Processor} unavailable ({Reason}); falling back to the platform",
                attempt.AttemptId, unavailable.Processor, CardTokenRedaction.Redact(unavailable.Reason, cards));
            var fallback = FeeCalculator.Estimate(target.Amount, request.Platform!.Fees, processors.Config.CommissionRate, target.Tip);
            var moved = attempt with
            {
                Decision = RoutingNames.Decision(RoutingDecision.Fallback), Processor = request.Platform.Processor, ConnectionId = null,
                ProcessingFee = fallback.ProcessingFee, Commission = fallback.Commission, CommissionCollected = true,
                ProcessorIdempotencyKey = idempotencyKey + ":p", FallbackFrom = routed.Processor.Processor, FallbackAvailable = false,
            };
            // Recorded before the platform is called: if we crash now, the reconciler must ask the platform, not the barber's processor.
            moved = await RedirectAsync(moved, processors);
            return await ChargeFallbackAsync(moved, request.Platform, processors, cards, cards.ForFallback(request.Platform, card)!, SaveFor(cards, target), watch, cancellationToken);
        }
        catch (Exception raw) when (raw is PaymentDeclinedException or ProcessorRejectedException or ProcessorUnavailableException)
        {
            var ex = CardTokenRedaction.Redact(raw, cards);
            await SettleAsync(Failed(attempt, ex, watch));
            throw ToApiError(ex);
        }
    }

    private async Task<PaymentAttempt> ChargeFallbackAsync(PaymentAttempt attempt, ProcessorOption platform, BarberProcessors processors, CardTokens cards, string card, int? saveFor,
        Stopwatch watch, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ChargeAsync(attempt, platform, processors, card, saveFor, cancellationToken);
            return await SettleAsync(Completed(attempt, result, watch));
        }
        catch (Exception raw) when (raw is PaymentDeclinedException or ProcessorRejectedException or ProcessorUnavailableException)
        {
            var ex = CardTokenRedaction.Redact(raw, cards);
            await SettleAsync(Failed(attempt, ex, watch));
            throw ToApiError(ex);
        }
    }

    /// <summary>
    /// The card token the routed processor takes, refused before anything is recorded when it could only fail there; an
    /// appointment already paid is the truer answer to such a request, so it is looked up on this (rare) path only.
    /// </summary>
    private async Task<string> CardForAsync(CardTokens cards, Routed routed, PaymentTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return cards.For(routed);
        }
        catch (DomainException mismatch) when (mismatch.Code == ErrorCodes.CardTokenProcessorMismatch)
        {
            if (await ledger.AppointmentPaymentAsync(target.BarberId, target.Appointment.Id, cancellationToken) is { Status: AttemptStatus.Completed } paid)
                throw new DomainException(ErrorCodes.AppointmentAlreadyPaid, $"Appointment {target.Appointment.Id} is already paid.",
                    new Dictionary<string, object?> { ["appointment_id"] = target.Appointment.Id, ["payment_id"] = paid.PaymentId });
            throw;
        }
    }

    /// <summary>
    /// Takes the appointment (and, for a barber collected by netting, reserves what this payment nets); an earlier
    /// attempt that never settled is first settled from what its processor says. Returns the attempt as recorded.
    /// </summary>
    private async Task<PaymentAttempt> BeginAsync(PaymentAttempt attempt, BarberProcessors processors, CancellationToken cancellationToken)
    {
        try
        {
            return await ledger.BeginAsync(attempt, NettingFor(attempt, processors), cancellationToken);
        }
        catch (UnsettledAttemptException unsettled)
        {
            var earlier = await ledger.GetAsync(unsettled.BarberId, unsettled.AttemptRow, cancellationToken);
            if (earlier is null || !await reconciler.SettleAsync(earlier, cancellationToken))
                throw new DomainException(ErrorCodes.PaymentInProgress, $"A payment for appointment {attempt.AppointmentId} is still being settled with its processor.",
                    new Dictionary<string, object?> { ["appointment_id"] = attempt.AppointmentId });
            return await ledger.BeginAsync(attempt, NettingFor(attempt, processors), cancellationToken);
        }
    }

    /// <summary>Records the attempt's move to the platform, with what it nets when the barber is collected by netting.</summary>
    private async Task<PaymentAttempt> RedirectAsync(PaymentAttempt moved, BarberProcessors processors)
    {
        if (NettingFor(moved, processors) is not { } net)
        {
            await ledger.RedirectAsync(moved, CancellationToken.None);
            return moved;
        }
        return await ledger.RedirectAsync(moved, net, CancellationToken.None);
    }

    // Netting is best effort: a collection row many payments race for is given up after a few lost races (what is not
    // netted is charged at the due date), so contention never fails a payment.
    private const int NettingTries = 8;

    private Func<PaymentAttempt, CancellationToken, Task<AttemptActions>>? NettingFor(PaymentAttempt attempt, BarberProcessors processors)
    {
        if (!CommissionNetting.AppliesTo(attempt, processors.Config.CollectionMethod)) return null;
        var tries = 0;
        return async (a, ct) => ++tries > NettingTries ? AttemptActions.None(a with { NettedCommission = null, NettingCollectionId = null, NettingCollectionRow = null })
            : await netting.ReserveAsync(a, ct);
    }

    private static int? SaveFor(CardTokens cards, PaymentTarget target) => cards.SavePaymentMethod ? target.Appointment.ClientId : null;

    private Task<ChargeResult> ChargeAsync(PaymentAttempt attempt, ProcessorOption processor, BarberProcessors processors, string cardToken, int? saveForClient,
        CancellationToken cancellationToken)
    {
        var charge = new ChargeRequest(attempt.AttemptId, attempt.ProcessorIdempotencyKey, attempt.Amount, attempt.Commission, cardToken,
            attempt.BarberId, attempt.AppointmentId, $"BookedBarber appointment {attempt.AppointmentId}", saveForClient, attempt.NettedCommission);
        return processor.IsPlatform
            ? policy.ExecuteAsync(processor.Processor, ct => gateways.ChargePlatformAsync(charge, processors.PlatformAccount!, ct), PaymentGateways.IsTransient, cancellationToken)
            : policy.ExecuteAsync(processor.Processor, ct => gateways.ChargeConnectionAsync(charge, processors.Connections.Single(c => c.Id == processor.ConnectionId), ct),
                PaymentGateways.IsTransient, cancellationToken);
    }

    /// <summary>A processor whose circuit is open is not available to routing, so the router can fall back before any call.</summary>
    private async Task<RoutingRequest> WithHealthAsync(RoutingRequest request, CancellationToken cancellationToken)
    {
        async Task<ProcessorOption> Check(ProcessorOption option)
        {
            if (!option.Available) return option;
            var (available, reason) = await health.IsAvailableAsync(option.Processor, cancellationToken);
            return available ? option : option with { Available = false, UnavailableReason = reason };
        }
        var platform = request.Platform is null ? null : await Check(request.Platform);
        var connections = await Task.WhenAll(request.Connections.Select(Check));
        return request with { Platform = platform, Connections = connections };
    }

    private static bool CanFallBack(Routed routed, RoutingRequest request, BarberProcessors processors) =>
        routed.Decision == RoutingDecision.External && processors.Config.FallbackEnabled && request.Platform is { Available: true };

    private static PaymentAttempt NewAttempt(AttemptKey key, PaymentTarget target, Routed routed, string idempotencyKey) => new(
        key.AttemptId,
        target.BarberId,
        target.Appointment.Id,
        target.Amount,
        RoutingNames.Decision(routed.Decision),
        routed.Processor.Processor,
        routed.Processor.ConnectionId,
        AttemptStatus.Pending,
        routed.Fees.ProcessingFee,
        routed.Fees.Commission,
        CommissionCollected: routed.Processor.IsPlatform,
        ProcessorIdempotencyKey: idempotencyKey + (routed.Processor.IsPlatform ? ":p" : ":x"),
        CreatedAt: key.CreatedAt,
        FallbackAvailable: routed.FallbackAvailable,
        Tip: target.Tip);

    private PaymentAttempt Completed(PaymentAttempt attempt, ChargeResult result, Stopwatch watch) => attempt with
    {
        Status = AttemptStatus.Completed, ProcessorPaymentId = result.ProcessorPaymentId, ProcessedAt = Now(), DurationMs = watch.ElapsedMilliseconds,
        SavedPaymentMethodId = result.Saved?.Id, SavedCustomerId = result.Saved?.CustomerId,
    };

    private PaymentAttempt Failed(PaymentAttempt attempt, Exception ex, Stopwatch watch) => attempt with
    {
        Status = ex is PaymentDeclinedException ? AttemptStatus.Declined : AttemptStatus.Failed,
        ProcessedAt = Now(),
        DurationMs = watch.ElapsedMilliseconds,
        DeclineCode = (ex as PaymentDeclinedException)?.DeclineCode ?? (ex as PaymentDeclinedException)?.Code,
        ProcessorPaymentId = (ex as PaymentDeclinedException)?.ProcessorPaymentId,
        FailureReason = ex.Message,
    };

    // Whole milliseconds, as every table store keeps them: a replay rebuilt from the ledger reads exactly as the original.
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMillisecond));
    }

    // Settling must land even if the client has gone: the charge happened either way. A netting reservation is netted
    // or released in the same transaction.
    private async Task<PaymentAttempt> SettleAsync(PaymentAttempt attempt)
    {
        await ledger.SettleAsync(attempt, attempt.NettingCollectionId is null ? null : netting.SettleAsync, CancellationToken.None);
        PaymentsTelemetry.RecordPayment(attempt.Decision, attempt.Processor, attempt.Status);
        return attempt;
    }

    private static DomainException ToApiError(Exception ex) => ex switch
    {
        PaymentDeclinedException declined => new DomainException(ErrorCodes.PaymentDeclined, declined.Message, new Dictionary<string, object?>
        {
            ["processor"] = declined.Processor, ["code"] = declined.Code, ["decline_code"] = declined.DeclineCode, ["processor_payment_id"] = declined.ProcessorPaymentId,
        }),
        ProcessorRejectedException rejected => new DomainException(ErrorCodes.ExternalApiError, $"{rejected.Processor} refused the payment: {rejected.Message}",
            new Dictionary<string, object?> { ["processor"] = rejected.Processor, ["code"] = rejected.Code, ["status"] = rejected.Status }),
        ProcessorUnavailableException unavailable => new DomainException(ErrorCodes.ExternalProcessorUnavailable, $"{unavailable.Processor} is unavailable: {unavailable.Reason}",
            new Dictionary<string, object?> { ["processor"] = unavailable.Processor, ["reason"] = unavailable.Reason }),
        _ => new DomainException(ErrorCodes.InternalError, "An unexpected error occurred."),
    };
}
