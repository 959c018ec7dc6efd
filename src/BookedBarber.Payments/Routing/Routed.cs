
namespace BookedBarber.Payments.Routing;

public sealed record Routed(RoutingDecision Decision, ProcessorOption Processor, string Reason, bool FallbackAvailable, FeeEstimate Fees)
    : RoutingOutcome(Reason);
