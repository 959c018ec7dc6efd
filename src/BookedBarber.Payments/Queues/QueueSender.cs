using BookedBarber.Payments.Http;
using System.Text.Json;
using BookedBarber.Payments.Storage;
using Azure;
using Azure.Storage.Queues.Models;

namespace BookedBarber.Payments.Queues;

/// <summary>Puts JSON messages on the application's queues (base64-encoded by the client, as the Functions trigger expects).</summary>
public sealed class QueueSender(StorageAccount storage)
{
    public const int MaxMessageBytes = 48 * 1024; // 64 KB after base64 expansion

    /// <summary>Queues the message; the receipt lets the sender take it back (<see cref="RecallAsync"/>).</summary>
    public async Task<SendReceipt> SendAsync<T>(string queue, T message, CancellationToken cancellationToken, TimeSpan? delay = null)
    {
        var body = JsonSerializer.Serialize(message, Json.Options);
        if (System.Text.Encoding.UTF8.GetByteCount(body) > MaxMessageBytes)
            throw new InvalidOperationException($"A {queue} message may not exceed {MaxMessageBytes} bytes; send a reference instead.");
        return (await storage.Queue(queue).SendMessageAsync(body, delay, cancellationToken: cancellationToken)).Value;
    }

    /// <summary>Deletes a message this instance just queued (gone already, because it was handled: nothing to do).</summary>
    public async Task RecallAsync(string queue, SendReceipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Queue(queue).DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404 || ex.ErrorCode == "PopReceiptMismatch")
        {
            // A handler received it first (and deleted it, or holds it): it is that handler's now.
        }
    }
}
