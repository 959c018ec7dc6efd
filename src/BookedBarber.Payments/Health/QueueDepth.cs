namespace BookedBarber.Payments.Health;

/// <summary>How many messages wait on a queue and on its <c>-poison</c> queue (failed past the retry limit: an operator looks at these). Null when unreadable.</summary>
public sealed record QueueDepth(int? Depth, int? PoisonDepth);
