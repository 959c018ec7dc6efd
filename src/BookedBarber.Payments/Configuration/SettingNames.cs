namespace BookedBarber.Payments.Configuration;

/// <summary>
/// Every app setting the application reads. local.settings.sample.json and the Bicep app settings name the
/// same settings; a test keeps the three in step.
/// </summary>
public static class SettingNames
{
    public const string StorageConnection = "AzureWebJobsStorage";
    public const string StorageConnectionAlternate = "STORAGE_CONNECTION_STRING";
    public const string StorageTableServiceUri = "AzureWebJobsStorage__tableServiceUri";
    public const string StorageQueueServiceUri = "AzureWebJobsStorage__queueServiceUri";
    public const string StorageCredential = "AzureWebJobsStorage__credential";
    public const string StorageClientId = "AzureWebJobsStorage__clientId";
    public const string StorageNamePrefix = "STORAGE_NAME_PREFIX";

    public const string AuthIssuer = "AUTH_ISSUER";
    public const string AuthAudience = "AUTH_AUDIENCE";
    public const string AuthSigningKey = "AUTH_SIGNING_KEY";
    public const string AuthJwksUrl = "AUTH_JWKS_URL";

    public const string CredentialEncryptionKeys = "CREDENTIAL_ENCRYPTION_KEYS";

    public const string RateLimitPrefix = "RATE_LIMIT_";

    public const string ApplicationInsights = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Settings every deployment must define (schedules are listed by the catalog).</summary>
    public static readonly IReadOnlyList<string> Required = [AuthIssuer, AuthAudience];
}
