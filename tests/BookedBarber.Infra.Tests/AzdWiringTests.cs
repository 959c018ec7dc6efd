using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BookedBarber.Payments.Catalog;

namespace BookedBarber.Infra.Tests;

/// <summary>What azd needs around the Bicep: azure.yaml, the parameters file, the outputs, and the operator's README.</summary>
public sealed partial class AzdWiringTests
{
    [Fact]
    public void AzureYaml_DeclaresOneDotnetFunctionService()
    {
        var yaml = AzureYaml.Text();

        AzureYaml.ServiceName();
        Assert.Contains("host: function", yaml);
        Assert.Contains("language: dotnet", yaml);
        Assert.Contains("project: ./src/BookedBarber.Functions", yaml);
    }

    [Fact]
    public void Parameters_AreDeclared_AndCoverEveryRequiredOne()
    {
        var declared = BicepCompiler.MainTemplate.Root["parameters"]!.AsObject();
        var given = ParametersFile()["parameters"]!.AsObject();

        foreach (var (name, _) in given) Assert.True(declared.ContainsKey(name), $"main.parameters.json sets undeclared '{name}'.");
        foreach (var (name, parameter) in declared)
            if (parameter?["defaultValue"] is null)
                Assert.True(given.ContainsKey(name), $"main.parameters.json does not set required '{name}'.");
    }

    [Theory]
    [InlineData("environmentName", "${AZURE_ENV_NAME}")]
    [InlineData("location", "${AZURE_LOCATION}")]
    public void Parameters_TakeTheAzdEnvironment(string parameter, string value)
    {
        Assert.Equal(value, ParametersFile()["parameters"]?[parameter]?["value"]?.ToString());
    }

    [Theory]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("AZURE_FUNCTION_APP_URL")]
    [InlineData("AZURE_KEY_VAULT_NAME")]
    [InlineData("AZURE_STORAGE_ACCOUNT_NAME")]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("RESOURCE_GROUP")]
    public void Outputs_GiveAzdWhatItNeeds(string output)
    {
        Assert.True(BicepCompiler.MainTemplate.Root["outputs"]?[output] is not null, $"main.bicep has no output {output}.");
    }

    [Fact]
    public void Readme_NamesEveryKeyVaultSecret()
    {
        var readme = File.ReadAllText(RepoPaths.File("infra/README.md"));
        var secrets = SecretNames().Matches(BicepCompiler.MainTemplate.Root.ToJsonString()).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Equal(SettingsInventory.KeyVaultBacked.Length, secrets.Count);
        foreach (var secret in secrets) Assert.Contains($"`{secret}`", readme);
    }

    [Fact]
    public void Readme_GivesTheWebhookUrlsTheAppServes()
    {
        var readme = File.ReadAllText(RepoPaths.File("infra/README.md"));
        var webhooks = AppCatalog.Endpoints.Where(e => e.Route.StartsWith("webhooks/", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(webhooks);
        foreach (var webhook in webhooks) Assert.Contains($"https://<app>.azurewebsites.net/api/v1/{webhook.Route}", readme);
    }

    private static JsonObject ParametersFile() =>
        JsonNode.Parse(File.ReadAllText(RepoPaths.File("infra/main.parameters.json")))!.AsObject();

    // Secret URIs in Key Vault references: "...SecretUri={0}/<name>)".
    [GeneratedRegex(@"@Microsoft\.KeyVault\(SecretUri=\{0\}/([a-z0-9-]+)\)")]
    private static partial Regex SecretNames();
}
