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

    /// <summary>The longest lifetime (exp - iat, in seconds) a token may have; default 86400 (24 h).</summary>
    public const string AuthMaxTokenLifetime = "AUTH_MAX_TOKEN_LIFETIME";

    public const string CredentialEncryptionKeys = "CREDENTIAL_ENCRYPTION_KEYS";

    /// <summary>The platform's Stripe secret key (Connect platform).</summary>
    public const string StripeSecretKey = "STRIPE_SECRET_KEY";

    /// <summary>The signing secret (<c>whsec_...</c>) of the platform's own Stripe webhook endpoint (<c>webhooks/stripe-platform</c>).</summary>
    public const string StripeWebhookSecret = "STRIPE_WEBHOOK_SECRET";

    /// <summary>Stripe's API base; the simulator's URL locally, empty for the real API.</summary>
    public const string StripeApiBase = "STRIPE_API_BASE";

    /// <summary>Square's API base; the simulator's URL locally, https://connect.squareup.com in production.</summary>
    public const string SquareApiBase = "SQUARE_API_BASE";

    /// <summary>The platform's Square OAuth application (client id and secret): refreshes and revokes barbers' tokens.</summary>
    public const string SquareApplicationId = "SQUARE_APPLICATION_ID";

    public const string SquareApplicationSecret = "SQUARE_APPLICATION_SECRET";

    /// <summary>
    /// The API's public base URL (e.g. https://api.bookedbarber.com), from which connections' webhook URLs are made;
    /// empty: the scheme and host of the request that creates the connection.
    /// </summary>
    public const string PublicBaseUrl = "PUBLIC_BASE_URL";

    /// <summary>Origins a browser frontend may call the API from, comma-separated (<c>*</c>: any, never with credentials).</summary>
    public const string CorsAllowedOrigins = "CORS_ALLOWED_ORIGINS";
    /// <summary>The largest tip, as a share of the appointment's price (default 1.00: up to the price again).</summary>
    public const string MaxTipRate = "MAX_TIP_RATE";

    /// <summary>Seconds before a connection's sync checkpoint each run re-reads (default 86400: Square lists late).</summary>
    public const string SyncRescanWindow = "SYNC_RESCAN_WINDOW";

    /// <summary>The smallest collection made (major units, default 25.00); less stays open and carries over to the next period.</summary>
    public const string MinimumCollectionAmount = "MINIMUM_COLLECTION_AMOUNT";

    /// <summary>Days between a collection's creation and its due date (default 1).</summary>
    public const string CollectionNoticeDays = "COLLECTION_NOTICE_DAYS";

    /// <summary>Days after each failed collection before dunning retries it, comma-separated (default 1,3,7).</summary>
    public const string CollectionRetryDays = "COLLECTION_RETRY_DAYS";

    /// <summary>The largest share of any one centralized payment that netting adds to its application fee (default 0.25).</summary>
    public const string NettingMaxShare = "NETTING_MAX_SHARE";

    /// <summary>Seconds a collection may stay processing before the sweeper asks Stripe what happened (default 7200).</summary>
    public const string CollectionStuckAfter = "COLLECTION_STUCK_AFTER";

    public const string RateLimitPrefix = "RATE_LIMIT_";

    public const string ApplicationInsights = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Settings every deployment must define (schedules are listed by the catalog).</summary>
    public static readonly IReadOnlyList<string> Required = [AuthIssuer, AuthAudience];
}
