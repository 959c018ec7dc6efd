using System.Reflection;
using System.Text.Json.Nodes;
using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.Configuration;

namespace BookedBarber.Infra.Tests;

/// <summary>
/// The rule that keeps three lists naming the same settings: what the application reads, what
/// local.settings.sample.json sets and what the Bicep gives the function app. They differ only where storage is
/// reached differently (a connection string to Azurite locally, the managed identity in Azure) and where the
/// Functions host, not the application, reads a setting. Every difference is listed here, with its reason.
/// </summary>
public static class SettingsInventory
{
    /// <summary>
    /// Every SettingNames constant, less name prefixes (a value ending in '_', such as RATE_LIMIT_, opens a family of
    /// optional overrides that default in code), plus every timer schedule setting in the catalog.
    /// </summary>
    public static IReadOnlySet<string> Application { get; } = typeof(SettingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Where(name => !name.EndsWith('_'))
        .Concat(AppCatalog.Schedules.Select(s => s.Setting))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Named by the deployment before the capabilities that read them land (platform Stripe, Square OAuth app,
    /// credential encryption). Once such a name is in SettingNames it is simply counted twice.
    /// </summary>
    public static readonly string[] Upcoming =
        ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "SQUARE_APPLICATION_ID", "SQUARE_APPLICATION_SECRET", "CREDENTIAL_ENCRYPTION_KEYS"];

    /// <summary>Secrets: in Azure these are Key Vault references, never values.</summary>
    public static readonly string[] KeyVaultBacked = [SettingNames.AuthSigningKey, .. Upcoming];

    /// <summary>Key-based storage: Azurite locally. Azure storage has shared keys disabled, so never set there.</summary>
    public static readonly string[] ConnectionStringStorage = [SettingNames.StorageConnection, SettingNames.StorageConnectionAlternate];

    /// <summary>Identity-based storage: Azure only; locally the connection string stands in for all of them.</summary>
    public static readonly string[] IdentityStorage =
    [
        SettingNames.StorageCredential, SettingNames.StorageClientId,
        SettingNames.StorageTableServiceUri, SettingNames.StorageQueueServiceUri,
    ];

    /// <summary>
    /// The alternate spelling of the storage connection string, for hosts outside the Functions convention; the
    /// sample sets the canonical AzureWebJobsStorage instead.
    /// </summary>
    public static readonly string[] LocalAlternates = [SettingNames.StorageConnectionAlternate];

    /// <summary>
    /// Read by the Functions host, not the application. Locally Core Tools needs FUNCTIONS_WORKER_RUNTIME (Flex
    /// Consumption takes the runtime from functionAppConfig and rejects the setting). In Azure the host keeps timer
    /// leases and status in blobs, so it needs the blob endpoint the application itself never uses.
    /// </summary>
    public static readonly string[] HostOnlyLocal = ["FUNCTIONS_WORKER_RUNTIME"];

    public static readonly string[] HostOnlyAzure = ["AzureWebJobsStorage__blobServiceUri"];

    public static IReadOnlySet<string> ExpectedInAzure { get; } =
        Application.Concat(Upcoming).Except(ConnectionStringStorage).Concat(HostOnlyAzure).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> ExpectedLocally { get; } =
        Application.Concat(Upcoming).Except(IdentityStorage).Except(LocalAlternates).Concat(HostOnlyLocal).ToHashSet(StringComparer.Ordinal);

    /// <summary>The Values of local.settings.sample.json at the repository root.</summary>
    public static JsonObject LocalSample() =>
        JsonNode.Parse(File.ReadAllText(RepoPaths.File("local.settings.sample.json")))!["Values"]!.AsObject();

    /// <summary>The function app's app settings in the compiled Bicep (the one sites/config 'appsettings' resource).</summary>
    public static JsonObject Bicep(ArmTemplate template) =>
        template.OfType("Microsoft.Web/sites/config").Single(r => r.Name.Contains("'appsettings'", StringComparison.Ordinal)).Properties;

    /// <summary>Names in <paramref name="actual"/> and <paramref name="expected"/> that differ, for a readable failure.</summary>
    public static string Difference(IEnumerable<string> actual, IReadOnlySet<string> expected)
    {
        var actualSet = actual.ToHashSet(StringComparer.Ordinal);
        var missing = expected.Except(actualSet).Order().ToList();
        var extra = actualSet.Except(expected).Order().ToList();
        return missing.Count == 0 && extra.Count == 0
            ? ""
            : $"missing: [{string.Join(", ", missing)}]; not expected: [{string.Join(", ", extra)}]";
    }
}
