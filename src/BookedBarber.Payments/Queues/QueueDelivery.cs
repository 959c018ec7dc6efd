namespace BookedBarber.Payments.Queues;

/// <summary>One delivery of a queue message (at least once: handlers must be idempotent).</summary>
public sealed record QueueDelivery(string QueueName, string MessageId, string Body, long DequeueCount);
