using BookedBarber.Payments.Catalog;

namespace BookedBarber.Functions.AdapterTests;

/// <summary>The Functions app, as the worker SDK built it, serves exactly the catalogs, each function running its own entry.</summary>
public sealed class FunctionsAdapterTests
{
    private static readonly IReadOnlyList<GeneratedFunction> Functions = FunctionsMetadata.ReadBuilt();
    private static readonly IReadOnlyList<FunctionBody> Bodies = FunctionBodyReader.Read(FunctionsSource.Parse());

    [Fact]
    public void EveryEndpoint_HasOneAnonymousHttpFunction_WithItsMethodRouteAndName() =>
        AssertNoDrift(CatalogDrift.InEndpoints(Functions, AppCatalog.Endpoints), "AppCatalog.Endpoints");

    [Fact]
    public void EveryQueue_HasOneQueueFunction_NamedForIt_OnAzureWebJobsStorage() =>
        AssertNoDrift(CatalogDrift.InQueues(Functions, AppCatalog.Queues), "AppCatalog.Queues");

    [Fact]
    public void EverySchedule_HasOneTimerFunction_BoundToItsSetting() =>
        AssertNoDrift(CatalogDrift.InSchedules(Functions, AppCatalog.Schedules), "AppCatalog.Schedules");

    [Fact]
    public void FunctionNames_AreUnique_AndEveryFunctionHasAKnownTrigger() =>
        AssertNoDrift(CatalogDrift.InFunctionNames(Functions), "the Functions app itself");

    [Fact]
    public void EveryFunctionBody_DelegatesToTheCatalogEntryOfItsOwnName() =>
        AssertNoDrift(DelegationDrift.All(Bodies), "its own names (function bodies)");

    [Fact]
    public void Metadata_HoldsOneFunctionPerCatalogEntry_AndTheSourcesDeclareTheSameFunctions()
    {
        // Guards the checks above against a reader that silently finds nothing, and the source check against
        // reading other methods than the ones the SDK indexed.
        Assert.Equal(AppCatalog.Endpoints.Count + AppCatalog.Queues.Count + AppCatalog.Schedules.Count, Functions.Count);
        Assert.Equal(Functions.Select(f => f.Name).Order(StringComparer.Ordinal), Bodies.Select(b => b.Name).Order(StringComparer.Ordinal));
    }

    private static void AssertNoDrift(IEnumerable<string> drift, string catalog)
    {
        var differences = drift.ToList();
        Assert.True(differences.Count == 0,
            $"src/BookedBarber.Functions differs from {catalog} in {differences.Count} way(s):{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", differences));
    }
}
