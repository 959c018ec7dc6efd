namespace BookedBarber.Payments.Processing;

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
