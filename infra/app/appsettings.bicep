// Every app setting the function app gets, in one literal object: the infra test compares these names with
// SettingNames, the catalog's schedules and local.settings.sample.json. No keys or secrets appear here:
// storage is reached as the managed identity, and secrets are Key Vault references resolved by the platform.

param functionAppName string
param identityName string
param storageAccountName string
param keyVaultName string
param applicationInsightsName string

@description('AUTH_ISSUER: the issuer the API accepts in bearer tokens.')
param authIssuer string

@description('AUTH_AUDIENCE: the audience the API accepts in bearer tokens.')
param authAudience string

@description('AUTH_JWKS_URL: when set, tokens are RS256 checked against these keys and AUTH_SIGNING_KEY is left empty.')
param authJwksUrl string

@description('CORS_ALLOWED_ORIGINS: origins a browser frontend may call the API from, comma-separated.')
param corsAllowedOrigins string

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Versionless secret URIs: the platform picks up a rotated secret within a day without a redeploy.
var secrets = '${vault.properties.vaultUri}secrets'

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Storage as the managed identity, for both the Functions host and the application.
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identity.properties.clientId
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    // One deployment per account, so no prefix (the prefix separates test runs sharing an Azurite).
    STORAGE_NAME_PREFIX: ''

    AUTH_ISSUER: authIssuer
    AUTH_AUDIENCE: authAudience
    AUTH_JWKS_URL: authJwksUrl
    // Seconds; a token living longer (exp - iat) is refused.
    AUTH_MAX_TOKEN_LIFETIME: '86400'
    // The largest tip as a share of the appointment's price.
    MAX_TIP_RATE: '1.00'
    // Commission collection: smallest amount collected (less carries over), notice days, dunning days, netting's largest
    // share of one payment, seconds before a charge in flight is swept.
    MINIMUM_COLLECTION_AMOUNT: '25.00'
    COLLECTION_NOTICE_DAYS: '1'
    COLLECTION_RETRY_DAYS: '1,3,7'
    NETTING_MAX_SHARE: '0.25'
    COLLECTION_STUCK_AFTER: '7200'
    // Empty under JWKS: an unresolved reference would otherwise be read as a (public) HS256 key.
    CORS_ALLOWED_ORIGINS: corsAllowedOrigins
    AUTH_SIGNING_KEY: empty(authJwksUrl) ? '@Microsoft.KeyVault(SecretUri=${secrets}/auth-signing-key)' : ''

    // Read by capabilities that land later; the secrets are put in Key Vault by the operator (infra/README.md).
    STRIPE_SECRET_KEY: '@Microsoft.KeyVault(SecretUri=${secrets}/stripe-secret-key)'
    // Empty: Stripe.net's own default, the real API. Locally these point at the processor simulators.
    STRIPE_API_BASE: ''
    SQUARE_API_BASE: 'https://connect.squareup.com'
    // Webhook URLs given to Square and Stripe are made from it (a custom domain replaces it); /api/v1 is added.
    PUBLIC_BASE_URL: 'https://${site.properties.defaultHostName}'
    STRIPE_WEBHOOK_SECRET: '@Microsoft.KeyVault(SecretUri=${secrets}/stripe-webhook-secret)'
    SQUARE_APPLICATION_ID: '@Microsoft.KeyVault(SecretUri=${secrets}/square-application-id)'
    SQUARE_APPLICATION_SECRET: '@Microsoft.KeyVault(SecretUri=${secrets}/square-application-secret)'
    CREDENTIAL_ENCRYPTION_KEYS: '@Microsoft.KeyVault(SecretUri=${secrets}/credential-encryption-keys)'

    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString

    // Timer schedules (%SETTING% in the triggers): AppCatalog.Schedules' defaults, six-field NCRONTAB.
    MAINTENANCE_SWEEP_SCHEDULE: '0 5 * * * *'
    PAYMENT_RECONCILIATION_SCHEDULE: '30 */2 * * * *'
    CONNECTION_TOKEN_REFRESH_SCHEDULE: '0 20 3 * * *'
    TRANSACTION_SYNC_SCHEDULE: '0 0 * * * *'
    COMMISSION_COLLECTION_SCHEDULE: '0 0 6 * * *'
    ANALYTICS_ROLLUP_SCHEDULE: '0 30 3 * * *'
    SYNC_RESCAN_WINDOW: '86400'
  }
}
