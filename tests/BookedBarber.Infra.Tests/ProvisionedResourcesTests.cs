using BookedBarber.Payments.Catalog;

namespace BookedBarber.Infra.Tests;

/// <summary>What `azd up` provisions, read from the compiled ARM template.</summary>
public sealed class ProvisionedResourcesTests
{
    private const string IdentityType = "Microsoft.ManagedIdentity/userAssignedIdentities";

    // Inside a module, the identity is the existing resource named by its identityName parameter (see Modules_ShareTheOneIdentity).
    private const string IdentityResourceId = $"resourceId('{IdentityType}', parameters('identityName'))";

    private static ArmTemplate Template => BicepCompiler.MainTemplate;

    [Fact]
    public void Plan_IsFlexConsumption_OnLinux()
    {
        var plan = Template.Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.Node["sku"]?["name"]?.ToString());
        Assert.Equal("FlexConsumption", plan.Node["sku"]?["tier"]?.ToString());
        Assert.True(plan.Properties["reserved"]?.GetValue<bool>(), "A Linux plan has reserved: true.");
    }

    [Fact]
    public void FunctionApp_IsLinux_DotnetIsolated10_RunningAsTheUserAssignedIdentity()
    {
        var site = Template.Single("Microsoft.Web/sites");
        var config = site.Properties["functionAppConfig"]!;

        Assert.Equal("functionapp,linux", site.Node["kind"]?.ToString());
        Assert.Equal("dotnet-isolated", config["runtime"]?["name"]?.ToString());
        Assert.Equal("10.0", config["runtime"]?["version"]?.ToString());
        Assert.Equal("UserAssigned", site.Node["identity"]?["type"]?.ToString());
        Assert.Contains(IdentityType, site.Node["identity"]?["userAssignedIdentities"]!.AsObject().Single().Key);
        Assert.Contains(IdentityType, site.Properties["keyVaultReferenceIdentity"]?.ToString());
        Assert.True(site.Properties["httpsOnly"]?.GetValue<bool>());
    }

    [Fact]
    public void FunctionApp_DeploysFromABlobContainer_AsTheIdentity()
    {
        var storage = Template.Single("Microsoft.Web/sites").Properties["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", storage["type"]?.ToString());
        Assert.Contains("primaryEndpoints.blob", storage["value"]?.ToString());
        Assert.Equal("UserAssignedIdentity", storage["authentication"]?["type"]?.ToString());
        Assert.Contains(IdentityType, storage["authentication"]?["userAssignedIdentityResourceId"]?.ToString());
        Assert.Single(Template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"));
    }

    [Fact]
    public void FunctionApp_PlatformCors_IsTheAppsCorsSetting_WithoutCredentials()
    {
        // The platform answers preflights in front of the app: from the same parameter as CORS_ALLOWED_ORIGINS.
        var cors = Template.Single("Microsoft.Web/sites").Properties["siteConfig"]!["cors"]!;

        Assert.Contains("parameters('corsAllowedOrigins')", cors["allowedOrigins"]?.ToString());
        Assert.False(cors["supportCredentials"]?.GetValue<bool>());
        Assert.Equal("[parameters('corsAllowedOrigins')]", Template.ModuleParameter("function", "corsAllowedOrigins"));
        Assert.Equal("[parameters('corsAllowedOrigins')]", Template.ModuleParameter("appsettings", "corsAllowedOrigins"));
        Assert.Equal("[parameters('corsAllowedOrigins')]", SettingsInventory.Bicep(Template)["CORS_ALLOWED_ORIGINS"]?.ToString());
    }

    [Fact]
    public void FunctionApp_IsTaggedWithTheAzureYamlService()
    {
        // azd deploys to the resource tagged azd-service-name = the service's name in azure.yaml.
        var tags = Template.Single("Microsoft.Web/sites").Node["tags"]!.ToString();
        Assert.Contains("'azd-service-name', parameters('serviceName')", tags);
        Assert.Equal(AzureYaml.ServiceName(), Template.ModuleParameter("function", "serviceName"));
    }

    [Fact]
    public void Storage_HasSharedKeyAccessDisabled()
    {
        var storage = Template.Single("Microsoft.Storage/storageAccounts");

        Assert.False(storage.Properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(storage.Properties["allowBlobPublicAccess"]!.GetValue<bool>());
    }

    [Fact]
    public void KeyVault_UsesRbacAuthorization()
    {
        var vault = Template.Single("Microsoft.KeyVault/vaults");

        Assert.True(vault.Properties["enableRbacAuthorization"]!.GetValue<bool>());
    }

    [Fact]
    public void Monitoring_IsApplicationInsights_OnLogAnalytics()
    {
        var insights = Template.Single("Microsoft.Insights/components");
        Template.Single("Microsoft.OperationalInsights/workspaces");

        Assert.Contains("Microsoft.OperationalInsights/workspaces", insights.Properties["WorkspaceResourceId"]?.ToString());
    }

    [Fact]
    public void ManagedIdentity_IsUserAssigned()
    {
        Template.Single(IdentityType);
    }

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Storage Blob Data Owner")]
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Storage Queue Data Contributor")]
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Storage Table Data Contributor")]
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User")]
    public void Identity_IsGranted(string roleId, string role)
    {
        var grants = Template.OfType("Microsoft.Authorization/roleAssignments")
            .Where(r => r.Properties["roleDefinitionId"]?.ToString().Contains($"'{roleId}'", StringComparison.Ordinal) == true)
            .Where(r => IsTheIdentitysPrincipal(r.Properties["principalId"]?.ToString() ?? ""))
            .ToList();

        Assert.True(grants.Count == 1, $"Expected one {role} assignment to the function app's identity, found {grants.Count}.");
        Assert.Equal("ServicePrincipal", grants[0].Properties["principalType"]?.ToString());
    }

    [Theory]
    [InlineData("rbac")]
    [InlineData("function")]
    [InlineData("appsettings")]
    public void Modules_ShareTheOneIdentity(string module)
    {
        // The identity granted the roles is the one the app runs and connects as: each module gets the identity module's output.
        var identityName = Template.ModuleParameter(module, "identityName");

        Assert.Contains("'Microsoft.Resources/deployments', 'identity')", identityName);
        Assert.EndsWith(".outputs.name.value]", identityName);
    }

    [Theory]
    [MemberData(nameof(SettingsInAzure))]
    public void FunctionApp_SetsEverySettingTheApplicationReads(string setting)
    {
        Assert.True(SettingsInventory.Bicep(Template).ContainsKey(setting), $"The Bicep app settings lack {setting}.");
    }

    public static TheoryData<string> SettingsInAzure() => new(SettingsInventory.ExpectedInAzure.Order());

    [Fact]
    public void Storage_IsReachedAsTheIdentity_NeverWithKeys()
    {
        var settings = SettingsInventory.Bicep(Template);

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]?.ToString());
        Assert.Contains(IdentityResourceId, settings["AzureWebJobsStorage__clientId"]?.ToString());
        Assert.EndsWith(".clientId]", settings["AzureWebJobsStorage__clientId"]?.ToString());
        foreach (var service in new[] { "blob", "queue", "table" })
            Assert.EndsWith($".primaryEndpoints.{service}]", settings[$"AzureWebJobsStorage__{service}ServiceUri"]?.ToString());
        foreach (var name in SettingsInventory.ConnectionStringStorage) Assert.False(settings.ContainsKey(name), $"{name} is key-based.");

        var json = Template.Root.ToJsonString();
        Assert.DoesNotContain("listKeys(", json);
        Assert.DoesNotContain("AccountKey=", json);
    }

    [Theory]
    [MemberData(nameof(Secrets))]
    public void Secrets_AreKeyVaultReferences(string setting)
    {
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", SettingsInventory.Bicep(Template)[setting]?.ToString());
    }

    public static TheoryData<string> Secrets() => new(SettingsInventory.KeyVaultBacked);

    [Fact]
    public void SigningKey_IsEmpty_WhenTokensAreCheckedAgainstJwks()
    {
        // An unresolved reference would be read as an HS256 key anyone can know; with JWKS there is nothing to resolve.
        Assert.StartsWith("[if(empty(parameters('authJwksUrl')),", SettingsInventory.Bicep(Template)["AUTH_SIGNING_KEY"]?.ToString());
    }

    [Fact]
    public void Settings_HaveTheirAzureValues()
    {
        var settings = SettingsInventory.Bicep(Template);

        Assert.Equal("", settings["STORAGE_NAME_PREFIX"]?.ToString());
        Assert.Equal("[parameters('authIssuer')]", settings["AUTH_ISSUER"]?.ToString());
        Assert.Equal("[parameters('authAudience')]", settings["AUTH_AUDIENCE"]?.ToString());
        Assert.Equal("[parameters('authJwksUrl')]", settings["AUTH_JWKS_URL"]?.ToString());
        Assert.EndsWith(".ConnectionString]", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]?.ToString());
        Assert.False(settings.ContainsKey("FUNCTIONS_WORKER_RUNTIME"), "Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME.");
    }

    [Theory]
    [MemberData(nameof(Schedules))]
    public void Schedules_AreTheCatalogDefaults(string setting, string schedule)
    {
        Assert.Equal(schedule, SettingsInventory.Bicep(Template)[setting]?.ToString());
    }

    public static TheoryData<string, string> Schedules()
    {
        var data = new TheoryData<string, string>();
        foreach (var s in AppCatalog.Schedules) data.Add(s.Setting, s.DefaultSchedule);
        return data;
    }

    private static bool IsTheIdentitysPrincipal(string expression) =>
        expression.Contains(IdentityResourceId, StringComparison.Ordinal) && expression.EndsWith(".principalId]", StringComparison.Ordinal);
}
