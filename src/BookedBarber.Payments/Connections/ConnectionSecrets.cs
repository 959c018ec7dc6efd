using System.Text.Json;
using BookedBarber.Payments.Security;

namespace BookedBarber.Payments.Connections;

/// <summary>The one way to seal and open a connection's credentials and its webhook signing secret (bound to the barber).</summary>
public sealed class ConnectionSecrets(CredentialProtector protector)
{
    private static readonly JsonSerializerOptions SealedJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public string Seal(int barberId, ConnectionCredentials credentials) =>
        protector.Protect(JsonSerializer.Serialize(credentials, SealedJson), barberId);

    public ConnectionCredentials Open(ProcessorConnection connection) =>
        JsonSerializer.Deserialize<ConnectionCredentials>(protector.Unprotect(connection.ProtectedCredentials, connection.BarberId), SealedJson)
            ?? new ConnectionCredentials();

    public string SealSecret(int barberId, string secret) => protector.Protect(secret, barberId);

    /// <summary>The connection's webhook signing secret, or null when it has none.</summary>
    public string? OpenWebhookSecret(ProcessorConnection connection) =>
        connection.ProtectedWebhookSecret is { Length: > 0 } sealedSecret ? protector.Unprotect(sealedSecret, connection.BarberId) : null;
}
