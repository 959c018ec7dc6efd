namespace BookedBarber.Payments.Storage;

/// <summary>Who a looked-up key belongs to, and which of their objects it names.</summary>
public sealed record LookupEntry(int BarberId, long? ObjectId = null);
