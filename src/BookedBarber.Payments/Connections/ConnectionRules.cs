using BookedBarber.Payments.Errors;

namespace BookedBarber.Payments.Connections;

/// <summary>
/// What a connection request must say before we ask the processor anything: 400 VALIDATION_ERROR naming the field
/// (with the supported processors for a processor type we do not take). Credentials are never echoed in messages.
/// </summary>
public static class ConnectionRules
{
    public const int MaxAccountNameLength = 200;
    public const int MaxCredentialLength = 2048;

    private static readonly string[] StripeKeyPrefixes = ["sk_live_", "sk_test_", "rk_live_", "rk_test_"];

    public static ConnectionDraft ForCreate(CreateConnectionRequest request)
    {
        var processor = ProcessorType(request.ProcessorType);
        var name = AccountName(request.AccountName);
        var config = request.ConnectionConfig ?? throw DomainException.Validation("connection_config", "connection_config is required.");
        var accountId = Blank(request.AccountId) ? null : Text("account_id", request.AccountId!, 255);
        return processor switch
        {
            ProcessorTypes.Square => Square(accountId, name, config, request.WebhookNotifications ?? true),
            _ => Stripe(accountId, name, config, request.WebhookNotifications ?? true),
        };
    }

    /// <summary>
    /// The credentials after an update's <c>connection_config</c>: given fields replace stored ones. A Square location
    /// is the connection's account, so it cannot change (a new location is a new connection).
    /// </summary>
    public static ConnectionCredentials Merge(ProcessorConnection connection, ConnectionCredentials stored, ConnectionConfig config)
    {
        // A field an update does not take is refused by name: a 200 that ignored it would tell the barber it was applied.
        var ignored = connection.ProcessorType == ProcessorTypes.Square
            ? new (string Field, string? Value)[] { ("secret_key", config.SecretKey), ("publishable_key", config.PublishableKey), ("webhook_secret", config.WebhookSecret), ("webhook_signature_key", config.WebhookSignatureKey) }
            : [("access_token", config.AccessToken), ("refresh_token", config.RefreshToken), ("application_id", config.ApplicationId), ("location_id", config.LocationId),
                ("environment", config.Environment), ("webhook_signature_key", config.WebhookSignatureKey), ("publishable_key", config.PublishableKey), ("webhook_secret", config.WebhookSecret)];
        if (ignored.FirstOrDefault(f => f.Value is not null).Field is { } field)
            throw DomainException.Validation($"connection_config.{field}",
                $"connection_config.{field} is not something an update of a {connection.ProcessorType} connection can change.");
        if (connection.ProcessorType == ProcessorTypes.Square)
        {
            if (!Blank(config.LocationId) && config.LocationId != connection.AccountId)
                throw DomainException.Validation("connection_config.location_id",
                    "connection_config.location_id is this connection's account and cannot change; connect the other location as a new connection.");
            return stored with
            {
                AccessToken = Optional("connection_config.access_token", config.AccessToken) ?? stored.AccessToken,
                RefreshToken = Optional("connection_config.refresh_token", config.RefreshToken) ?? stored.RefreshToken,
                ApplicationId = Optional("connection_config.application_id", config.ApplicationId) ?? stored.ApplicationId,
                Environment = Environment(config.Environment) ?? stored.Environment,
            };
        }
        return stored with { SecretKey = StripeKey(config.SecretKey, required: false) ?? stored.SecretKey };
    }

    /// <summary>
    /// A connection's processor and account are what it is: an update may repeat them, never change them (connect the
    /// other account as a new connection).
    /// </summary>
    public static void Unchanged(ProcessorConnection connection, UpdateConnectionRequest request)
    {
        if (request.ProcessorType is { } type && type != connection.ProcessorType)
            throw DomainException.Validation("processor_type", "processor_type cannot change; connect the other processor as a new connection.");
        if (request.AccountId is { } account && account != connection.AccountId)
            throw DomainException.Validation("account_id", "account_id cannot change; connect the other account as a new connection.");
    }

    public static string? AccountName(string? name)
    {
        if (name is null) return null;
        var trimmed = name.Trim();
        if (trimmed.Length == 0) throw DomainException.Validation("account_name", "account_name must not be blank.");
        if (trimmed.Length > MaxAccountNameLength) throw DomainException.Validation("account_name", $"account_name must be at most {MaxAccountNameLength} characters.");
        if (trimmed.Any(char.IsControl)) throw DomainException.Validation("account_name", "account_name must not contain control characters.");
        return trimmed;
    }

    public static string ProcessorType(string? type)
    {
        if (Blank(type))
            throw Unsupported("processor_type is required.", null);
        if (!ProcessorTypes.Supported.Contains(type!))
            throw Unsupported($"processor_type must be one of {string.Join(", ", ProcessorTypes.Supported)}.", type);
        return type!;
    }

    private static DomainException Unsupported(string message, string? given) => new(ErrorCodes.ValidationError, message, new Dictionary<string, object?>
    {
        ["field"] = "processor_type",
        ["reason"] = message,
        ["processor_type"] = given,
        ["supported_processors"] = ProcessorTypes.Supported,
    });

    private static ConnectionDraft Square(string? accountId, string? name, ConnectionConfig config, bool webhooks)
    {
        var token = Optional("connection_config.access_token", config.AccessToken)
            ?? throw DomainException.Validation("connection_config.access_token", "A Square connection needs connection_config.access_token.");
        var location = Optional("connection_config.location_id", config.LocationId);
        if (location is not null && accountId is not null && location != accountId)
            throw DomainException.Validation("account_id", "account_id is the Square location id and must equal connection_config.location_id.");
        location ??= accountId ?? throw DomainException.Validation("connection_config.location_id", "A Square connection needs connection_config.location_id (its account_id).");
        var credentials = new ConnectionCredentials(
            AccessToken: token,
            RefreshToken: Optional("connection_config.refresh_token", config.RefreshToken),
            LocationId: location,
            ApplicationId: Optional("connection_config.application_id", config.ApplicationId),
            Environment: Environment(config.Environment));
        return new ConnectionDraft(ProcessorTypes.Square, location, name, credentials, webhooks, Optional("connection_config.webhook_signature_key", config.WebhookSignatureKey));
    }

    private static ConnectionDraft Stripe(string? accountId, string? name, ConnectionConfig config, bool webhooks)
    {
        if (accountId is not null && !accountId.StartsWith("acct_", StringComparison.Ordinal))
            throw DomainException.Validation("account_id", "account_id of a Stripe connection is the account's id (acct_...), or leave it out to use the key's account.");
        var key = StripeKey(config.SecretKey, required: true)!;
        var secret = Optional("connection_config.webhook_secret", config.WebhookSecret);
        if (secret is not null && !secret.StartsWith("whsec_", StringComparison.Ordinal))
            throw DomainException.Validation("connection_config.webhook_secret", "connection_config.webhook_secret must be a Stripe signing secret (whsec_...).");
        return new ConnectionDraft(ProcessorTypes.Stripe, accountId, name, new ConnectionCredentials(SecretKey: key), webhooks, secret);
    }

    private static string? StripeKey(string? key, bool required)
    {
        var value = Optional("connection_config.secret_key", key);
        if (value is null)
            return required ? throw DomainException.Validation("connection_config.secret_key", "A Stripe connection needs connection_config.secret_key (sk_live_..., sk_test_... or a restricted rk_ key).") : null;
        if (!StripeKeyPrefixes.Any(p => value.StartsWith(p, StringComparison.Ordinal)))
            throw DomainException.Validation("connection_config.secret_key",
                "connection_config.secret_key must be a Stripe secret key (sk_live_..., sk_test_...) or restricted key (rk_...); a publishable key (pk_...) cannot act on the account.");
        return value;
    }

    private static string? Environment(string? environment)
    {
        if (environment is null) return null;
        return environment is "production" or "sandbox" ? environment
            : throw DomainException.Validation("connection_config.environment", "connection_config.environment must be production or sandbox.");
    }

    private static string? Optional(string field, string? value)
    {
        if (value is null) return null;
        if (Blank(value)) throw DomainException.Validation(field, $"{field} must not be blank.");
        return Text(field, value, MaxCredentialLength);
    }

    private static string Text(string field, string value, int max)
    {
        if (value.Length > max) throw DomainException.Validation(field, $"{field} must be at most {max} characters.");
        if (value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) throw DomainException.Validation(field, $"{field} must not contain spaces or control characters.");
        return value;
    }

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
}
