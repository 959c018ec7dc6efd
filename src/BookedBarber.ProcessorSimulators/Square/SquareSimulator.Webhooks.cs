using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace BookedBarber.ProcessorSimulators.Square;

// Webhooks: signed payment.updated notifications.
public sealed partial class SquareSimulator
{
    /// <summary>Square's webhook signature: base64(HMAC-SHA256(signature key, notification URL + raw body)).</summary>
    public static string ComputeSignature(string signatureKey, string notificationUrl, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signatureKey), Encoding.UTF8.GetBytes(notificationUrl + body));
        return Convert.ToBase64String(mac);
    }

    /// <summary>
    /// POSTs a signed <c>payment.updated</c> notification for the payment to <paramref name="notificationUrl"/>
    /// (header <c>x-square-hmacsha256-signature</c>) and returns the subscriber's status code.
    /// </summary>
    public async Task<System.Net.HttpStatusCode> DeliverPaymentUpdatedAsync(
        string paymentId,
        string notificationUrl,
        string signatureKey,
        HttpClient? httpClient = null,
        string? eventId = null,
        CancellationToken cancellationToken = default)
    {
        string body;
        lock (_gate)
        {
            var payment = _paymentsById[paymentId];
            ApplyDueFees(payment, Now());
            var notification = new JsonObject
            {
                ["merchant_id"] = payment.MerchantId,
                ["type"] = "payment.updated",
                ["event_id"] = eventId ?? Guid.NewGuid().ToString(),
                ["created_at"] = Rfc3339(Now()),
                ["data"] = new JsonObject
                {
                    ["type"] = "payment",
                    ["id"] = payment.Id,
                    ["object"] = new JsonObject { ["payment"] = payment.ToJson() },
                },
            };
            body = notification.ToJsonString();
        }

        var client = httpClient ?? SharedWebhookClient.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, notificationUrl)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("x-square-hmacsha256-signature", ComputeSignature(signatureKey, notificationUrl, body));
        request.Headers.TryAddWithoutValidation("square-environment", "Sandbox");
        using var response = await client.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    private static readonly Lazy<HttpClient> SharedWebhookClient = new(() => new HttpClient());
}
