namespace BookedBarber.ProcessorSimulators.Square;

/// <summary>What the simulator holds about one webhook subscription, for assertions.</summary>
public sealed record SquareSimulatedSubscription(
    string Id,
    string MerchantId,
    string NotificationUrl,
    IReadOnlyList<string> EventTypes,
    string SignatureKey,
    bool Enabled);
