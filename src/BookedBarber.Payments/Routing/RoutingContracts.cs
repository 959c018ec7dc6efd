namespace BookedBarber.Payments.Routing;

/// <summary>
/// <c>POST /hybrid-payments/route</c> request body.
/// Every field is optional and nullable: the handler validates presence and names the missing field.
/// </summary>
public sealed record RoutePaymentRequest
{
    public int? AppointmentId { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public string? ClientPreference { get; init; }
}

/// <summary><c>POST /hybrid-payments/route</c> response.</summary>
public sealed record RoutePaymentResponse(
    string RoutingDecision,
    string RecommendedProcessor,
    RouteRoutingDetails RoutingDetails,
    RouteEstimatedFees EstimatedFees,
    string ProcessingTimeEstimate,
    decimal TipAmount);

/// <summary>The routing decision's details: mode, processor and commission rate.</summary>
public sealed record RouteRoutingDetails(
    string PaymentMode,
    string Processor,
    decimal CommissionRate,
    bool FallbackAvailable);

/// <summary>Estimated fees of the routed payment and what the barber nets.</summary>
public sealed record RouteEstimatedFees(
    decimal ProcessingFee,
    decimal CommissionFee,
    decimal TotalFees,
    decimal NetAmount);

/// <summary><c>GET /hybrid-payments/options/{barber_id}</c> and <c>/hybrid-payments/my-options</c> response.</summary>
public sealed record PaymentOptionsResponse(
    int BarberId,
    string PaymentMode,
    IReadOnlyList<AvailableMethod> AvailableMethods,
    string DefaultMethod,
    bool FallbackEnabled,
    IReadOnlyList<ExternalConnectionSummary> ExternalConnections,
    FeeBreakdown FeeBreakdown);

/// <summary>One way the barber can be paid.</summary>
public sealed record AvailableMethod(
    string Type,
    string Processor,
    string DisplayName,
    decimal ProcessingFeeRate,
    decimal CommissionRate,
    bool SupportsSavedCards,
    string ProcessingTime);

/// <summary>One of the barber's external processor connections, as listed with the payment options.</summary>
public sealed record ExternalConnectionSummary(
    long Id,
    string ProcessorType,
    string? AccountName,
    string Status,
    DateTimeOffset? LastTransaction);

/// <summary>Total fee rates per route; the external figures are absent when the barber has no external connection.</summary>
public sealed record FeeBreakdown(
    decimal PlatformTotalFee,
    decimal? ExternalTotalFee,
    decimal? SavingsWithExternal);

/// <summary><c>GET /hybrid-payments/routing-stats/{barber_id}</c> response.</summary>
public sealed record RoutingStatsResponse(
    int BarberId,
    int PeriodDays,
    int TotalPayments,
    RoutingBreakdown RoutingBreakdown,
    RoutingSuccessRates SuccessRates,
    AverageProcessingTimes AverageProcessingTimes,
    RoutingFeeComparison FeeComparison);

/// <summary>Payments per routing outcome over the period.</summary>
public sealed record RoutingBreakdown(
    RoutingBucket Centralized,
    RoutingBucket External,
    RoutingBucket Fallback);

/// <summary>Count, share (percent) and volume of one routing outcome.</summary>
public sealed record RoutingBucket(
    int Count,
    decimal Percentage,
    decimal TotalVolume);

/// <summary>Success rates in percent; absent for a route with no payments in the period.</summary>
public sealed record RoutingSuccessRates(
    decimal? Centralized,
    decimal? External,
    decimal? Overall);

/// <summary>Average processing time per route (e.g. "1.2s"); absent for a route with no payments in the period.</summary>
public sealed record AverageProcessingTimes(
    string? Centralized,
    string? External);

/// <summary>Fees saved by routing, average processing fee and commission collected over the period.</summary>
public sealed record RoutingFeeComparison(
    decimal TotalFeesSaved,
    decimal AverageProcessingFee,
    decimal CommissionCollected);
