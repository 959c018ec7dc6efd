
namespace BookedBarber.Payments.Routing;

/// <summary>Where a payment goes, or why it cannot go anywhere.</summary>
public abstract record RoutingOutcome(string Reason);
