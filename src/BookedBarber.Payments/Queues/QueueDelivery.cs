using System.Text.Json;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Http;

namespace BookedBarber.Payments.Queues;

/// <summary>One delivery of a queue message (at least once: handlers must be idempotent).</summary>
public sealed record QueueDelivery(string QueueName, string MessageId, string Body, long DequeueCount)
{
    /// <summary>
    /// The message as <typeparamref name="T"/>; an unreadable one is a <c>VALIDATION_ERROR</c> naming the message, so
    /// the admin call answers 400. Under the queue trigger it still fails the delivery, retried and then poisoned.
    /// </summary>
    public T Read<T>() where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(Body, Json.Options) ?? throw Unreadable("it is null");
        }
        catch (JsonException ex)
        {
            throw Unreadable(ex.Path is { Length: > 1 } path ? $"{path[2..]} is missing or of the wrong type" : "it is not a JSON object");
        }
    }

    private DomainException Unreadable(string why) =>
        DomainException.Validation("message", $"The {QueueName} message is not a {QueueName} message: {why}.");
}
