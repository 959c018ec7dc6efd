using BookedBarber.Payments.Http;
using System.Text.Json;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Payments.Queues;

/// <summary>Puts JSON messages on the application's queues (base64-encoded by the client, as the Functions trigger expects).</summary>
public sealed class QueueSender(StorageAccount storage)
{
    public const int MaxMessageBytes = 48 * 1024; // 64 KB after base64 expansion

    public async Task SendAsync<T>(string queue, T message, CancellationToken cancellationToken, TimeSpan? delay = null)
    {
        var body = JsonSerializer.Serialize(message, Json.Options);
        if (System.Text.Encoding.UTF8.GetByteCount(body) > MaxMessageBytes)
            throw new InvalidOperationException($"A {queue} message may not exceed {MaxMessageBytes} bytes; send a reference instead.");
        await storage.Queue(queue).SendMessageAsync(body, delay, cancellationToken: cancellationToken);
    }
}
