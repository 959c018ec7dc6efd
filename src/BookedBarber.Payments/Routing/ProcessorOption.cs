using BookedBarber.Payments.Connections;

namespace BookedBarber.Payments.Routing;

/// <summary>A way to take the payment: the platform's Stripe, or one of the barber's connections, and whether it can right now.</summary>
public sealed record ProcessorOption(string Processor, int? ConnectionId, FeeSchedule Fees, bool Available, string? UnavailableReason = null)
{
    public bool IsPlatform => ConnectionId is null;
}
