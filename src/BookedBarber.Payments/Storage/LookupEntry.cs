namespace BookedBarber.Payments.Storage;

/// <summary>Who a looked-up key belongs to, which of their objects it names, and (when the object's row is not derived from its id) its row.</summary>
public sealed record LookupEntry(int BarberId, long? ObjectId = null, string? Row = null);
