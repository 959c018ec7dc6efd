namespace BookedBarber.Payments.Collections;

/// <summary>202 answer of <c>POST /internal/collections/run</c>: what was queued, one message per barber.</summary>
public sealed record CollectionRunResponse(IReadOnlyList<CollectionRunQueued> Queued, int QueuedCount, DateTimeOffset Cutoff);
