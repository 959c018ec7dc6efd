using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BookedBarber.Functions.AdapterTests;

/// <summary>The drift check itself: a changed copy of the real adapter must be reported, naming what changed.</summary>
public sealed class CatalogDriftTests
{
    [Fact]
    public void Drift_OfTheRealAdapter_IsNone() =>
        Assert.Empty(CatalogDrift.All(FunctionBindingReader.Read(FunctionsSource.Parse())));

    [Theory]
    [InlineData("Route = \"health\"", "Route = \"healthz\"", "'GetHealth'", "Route 'healthz'")]
    [InlineData("\"get\", Route = \"health\"", "\"post\", Route = \"health\"", "'GetHealth'", "[post]")]
    [InlineData("AuthorizationLevel.Anonymous, \"get\", Route = \"health\"", "AuthorizationLevel.Function, \"get\", Route = \"health\"", "'GetHealth'", "AuthorizationLevel.Function")]
    [InlineData("api.InvokeAsync(\"GetHealth\"", "api.InvokeAsync(\"GetApiDocs\"", "'GetHealth'", "InvokeAsync")]
    [InlineData("[Function(\"GetHealth\")]", "[Function(\"GetHealthz\")]", "'GetHealthz'", "no endpoint")]
    [InlineData("QueueTrigger(\"maintenance\"", "QueueTrigger(\"maintenence\"", "'maintenence'", "not in AppCatalog.Queues")]
    [InlineData("Connection = \"AzureWebJobsStorage\"", "Connection = \"Storage\"", "'MaintenanceQueue'", "Connection 'Storage'")]
    [InlineData("new QueueDelivery(\"maintenance\"", "new QueueDelivery(\"poison\"", "'MaintenanceQueue'", "[poison]")]
    [InlineData("%MAINTENANCE_SWEEP_SCHEDULE%", "0 5 * * * *", "'MaintenanceSweep'", "'0 5 * * * *'")]
    [InlineData("RunJobAsync(\"MaintenanceSweep\"", "RunJobAsync(\"Sweep\"", "'MaintenanceSweep'", "[Sweep]")]
    public void Drift_WhenTheAdapterIsEdited_NamesTheFunctionAndTheDifference(string original, string edited, string function, string difference)
    {
        var drift = CatalogDrift.All(FunctionBindingReader.Read(Edit(original, edited)));

        Assert.Contains(drift, line => line.Contains(function, StringComparison.Ordinal) && line.Contains(difference, StringComparison.Ordinal));
    }

    [Fact]
    public void Drift_WhenAFunctionIsRemoved_NamesTheEndpointLeftWithout()
    {
        var trees = FunctionsSource.Parse().Select(tree =>
        {
            var root = tree.GetRoot();
            var getHealth = root.DescendantNodes().OfType<MethodDeclarationSyntax>().SingleOrDefault(m => m.Identifier.ValueText == "GetHealth");
            return getHealth is null ? tree : tree.WithRootAndOptions(root.RemoveNode(getHealth, SyntaxRemoveOptions.KeepNoTrivia)!, tree.Options);
        }).ToList();

        var drift = CatalogDrift.All(FunctionBindingReader.Read(trees));

        Assert.Equal(["Endpoint 'GetHealth' (GET health) has no HTTP function named 'GetHealth'."], drift);
    }

    private static IReadOnlyList<SyntaxTree> Edit(string original, string edited)
    {
        var sources = FunctionsSource.Parse();
        var edits = sources.Count(tree => tree.GetText().ToString().Contains(original, StringComparison.Ordinal));
        Assert.True(edits == 1, $"Expected '{original}' in exactly one Functions source, found it in {edits}: update this test with the adapter.");
        return sources
            .Select(tree => FunctionsSource.ParseText(tree.GetText().ToString().Replace(original, edited, StringComparison.Ordinal), tree.FilePath))
            .ToList();
    }
}
