namespace BookedBarber.Payments.Routing;

/// <summary>
/// Extension of routing-stats (not in the API reference): completed payments of the period the processor later
/// refunded (wholly or partly; the amount refunded, in the stats' currency) or that the card holder disputed, as the
/// platform's Stripe webhooks report them.
/// </summary>
public sealed record RoutingRefunds(int RefundedCount, decimal RefundedAmount, int DisputedCount);
