
namespace BookedBarber.Payments.Routing;

/// <summary>Nothing can take the payment; <see cref="Considered"/> lists what was looked at, with why each was refused.</summary>
public sealed record Unroutable(string Reason, IReadOnlyList<ProcessorOption> Considered) : RoutingOutcome(Reason);
