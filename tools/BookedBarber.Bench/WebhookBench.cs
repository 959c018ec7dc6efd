using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BookedBarber.DevHost;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Security;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Bench;

/// <summary>
/// The webhook accept scenario: signed Square <c>payment.updated</c> deliveries, each a fresh event id, to a Square
/// connection of barber 1 stored (untimed) with a sealed signature key, as the connections feature stores one. Each
/// request is verified, recorded (one insert) and queued: compared with a raw insert's p95.
/// </summary>
public static class WebhookBench
{
    public const string Accept = "POST /webhooks/square/{id} (signed, fresh event)";
    private const string NotificationUrl = "https://bench.bookedbarber.test/api/v1/webhooks/square";
    private const string SignatureKey = "bench-square-signature-key";

    /// <summary>Stores the connection straight to the dev host's storage, sealed with the host's own key ring (from its data directory).</summary>
    public static async Task<int> ConnectAsync(string storageConnection, string signingKey, string dataDirectory, CancellationToken cancellationToken)
    {
        var settings = new PaymentsSettings(storageConnection, null, null, null, "",
            new AuthSettings(PaymentsSettings.DefaultIssuer, PaymentsSettings.DefaultAudience, Convert.FromBase64String(signingKey), null),
            new Dictionary<string, int>());
        var storage = new StorageAccount(settings);
        var store = new ConnectionStore(storage, new IdAllocator(storage), new GlobalLookup(storage), InstanceCaches.Create(TimeProvider.System, 1));
        var secrets = new ConnectionSecrets(new CredentialProtector(DevSecrets.CredentialKeyRing(dataDirectory)));
        var connection = await store.CreateAsync(new ProcessorConnection(0, 1, ProcessorTypes.Square, "bench-location-" + Guid.NewGuid().ToString("N")[..8], "Bench",
            ConnectionStatus.Connected, secrets.Seal(1, new ConnectionCredentials(AccessToken: "bench")), null, "USD",
            new ProcessingFees(0.026m, 0.029m, new Money(10, Currency.Usd)), DateTimeOffset.UtcNow,
            ProtectedWebhookSecret: secrets.SealSecret(1, SignatureKey), WebhookUrl: NotificationUrl), cancellationToken);
        return connection.Id;
    }

    public static Scenario For(int connectionId)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        string Body(long n)
        {
            var id = n.ToString(CultureInfo.InvariantCulture);
            var at = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            return "{\"merchant_id\":\"BENCH\",\"type\":\"payment.updated\",\"event_id\":\"bench-" + run + "-" + id + "\",\"created_at\":\"" + at +
                "\",\"data\":{\"type\":\"payment\",\"id\":\"bench-pay-" + id + "\",\"object\":{\"payment\":{\"id\":\"bench-pay-" + id +
                "\",\"status\":\"COMPLETED\",\"amount_money\":{\"amount\":7500,\"currency\":\"USD\"}}}}}";
        }

        return new Scenario(Accept, HttpMethod.Post, _ => $"webhooks/square/{connectionId}", 200)
        {
            Signed = n =>
            {
                var body = Body(n);
                var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SignatureKey), Encoding.UTF8.GetBytes(NotificationUrl + body)));
                return (Bench.Scenario.Json(body), [("x-square-hmacsha256-signature", signature)]);
            },
        };
    }
}
