using System.Text.Json;

namespace BookedBarber.Functions.AdapterTests;

/// <summary>What <c>dotnet publish</c> of the Functions app (what azd deploys) holds: everything the Functions host needs to index and run it.</summary>
public sealed class PublishOutputTests(PublishedFunctionsApp published) : IClassFixture<PublishedFunctionsApp>
{
    [Fact]
    public void Publish_HoldsFunctionsMetadata_WithEveryCatalogEntry()
    {
        var functions = FunctionsMetadata.Read(File.ReadAllText(published.PathOf("functions.metadata")));

        Assert.NotEmpty(functions);
        Assert.Empty(CatalogDrift.All(functions));
    }

    [Fact]
    public void Publish_HoldsTheRepositorysHostJson() =>
        Assert.Equal(File.ReadAllText(RepoPaths.File("host.json")), File.ReadAllText(published.PathOf("host.json")));

    [Fact]
    public void Publish_HoldsWorkerConfig_PointingAtTheIsolatedWorker()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(published.PathOf("worker.config.json")));
        var description = config.RootElement.GetProperty("description");

        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("BookedBarber.Functions.dll", description.GetProperty("defaultWorkerPath").GetString());
        Assert.True(File.Exists(published.PathOf("BookedBarber.Functions.dll")));
    }

    [Fact]
    public void Publish_HoldsTheHostExtensions_ThatExtensionsJsonNames()
    {
        using var extensions = JsonDocument.Parse(File.ReadAllText(published.PathOf("extensions.json")));
        var hintPaths = extensions.RootElement.GetProperty("extensions").EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("hintPath").GetString()!);

        // The queue trigger runs in the host, from the extension the SDK built into .azurefunctions/.
        Assert.Contains("AzureStorageQueues", hintPaths.Keys);
        Assert.All(hintPaths.Values, hintPath =>
        {
            Assert.StartsWith("./.azurefunctions/", hintPath, StringComparison.Ordinal);
            Assert.True(File.Exists(published.PathOf(hintPath)), $"{hintPath} is named in extensions.json but not published.");
        });
    }

    [Fact]
    public void Publish_LeavesLocalSettingsBehind() =>
        Assert.False(File.Exists(published.PathOf("local.settings.json")), "local.settings.json holds local secrets; it must never ship.");
}
