namespace BookedBarber.Payments.Processing;

/// <summary>
/// <c>POST /hybrid-payments/process</c> (and <c>/hybrid-payments/test-routing</c>) request body.
/// Every field is optional and nullable: the handler validates presence and names the missing field.
/// </summary>
public sealed record ProcessPaymentRequest
{
    public int? AppointmentId { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public PaymentMethodData? PaymentMethodData { get; init; }

    public string? ClientPreference { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

/// <summary>
/// How the client pays: a tokenized card, optionally saved for later. Card tokens belong to one processor; a client that
/// wants a payment to survive its barber's processor being down also sends <c>platform_card_token</c> (the same card
/// tokenized for the platform's Stripe), used only for a fallback.
/// </summary>
public sealed record PaymentMethodData
{
    public string? CardToken { get; init; }

    public string? PlatformCardToken { get; init; }

    public bool? SavePaymentMethod { get; init; }
}

/// <summary><c>POST /hybrid-payments/process</c> response.</summary>
public sealed record ProcessPaymentResponse(
    string PaymentId,
    string PaymentType,
    string Status,
    decimal Amount,
    string Currency,
    decimal ProcessingFee,
    decimal NetAmount,
    decimal CommissionAmount,
    bool CommissionCollected,
    string RoutingDecision,
    string? ExternalProcessor,
    DateTimeOffset ProcessedAt,
    ProcessRoutingDetails RoutingDetails,
    decimal TipAmount);

/// <summary>Where a processed payment went; <c>connection_id</c> only for an external processor.</summary>
public sealed record ProcessRoutingDetails(
    string Processor,
    long? ConnectionId,
    bool FallbackAvailable,
    string? ProcessingTime);

/// <summary>
/// <c>POST /hybrid-payments/test-routing</c> response (request: <see cref="ProcessPaymentRequest"/>). When nothing could
/// take the payment, <c>would_succeed</c> is false and <c>failure_reason</c> says why.
/// </summary>
public sealed record TestRoutingResponse(
    DateTimeOffset TestTimestamp,
    TestRoutingInput InputParameters,
    string? RoutingDecision,
    TestRoutingDetails? RoutingDetails,
    bool WouldSucceed,
    string? EstimatedProcessingTime,
    TestRoutingEstimatedFees? EstimatedFees)
{
    public string? FailureReason { get; init; }
}

/// <summary>The routing inputs the test used, echoed back.</summary>
public sealed record TestRoutingInput(
    int AppointmentId,
    decimal Amount,
    string Currency,
    string? ClientPreference);

/// <summary>Where the tested payment would go; <c>connection_id</c> only for an external processor.</summary>
public sealed record TestRoutingDetails(
    string Processor,
    long? ConnectionId,
    decimal CommissionRate);

/// <summary>Fees the tested payment would incur.</summary>
public sealed record TestRoutingEstimatedFees(
    decimal ProcessingFee,
    decimal CommissionFee,
    decimal TotalCost);
