namespace BookedBarber.Payments.Collections;

/// <summary>One message a collection run queued: the barber, the cutoff it builds up to, and the queue message's id.</summary>
public sealed record CollectionRunQueued(int BarberId, DateTimeOffset Cutoff, string MessageId);
