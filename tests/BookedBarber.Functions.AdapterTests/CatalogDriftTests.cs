namespace BookedBarber.Functions.AdapterTests;

/// <summary>The metadata check itself: an altered copy of the generated functions.metadata must be reported, naming what changed.</summary>
public sealed class CatalogDriftTests
{
    private static readonly IReadOnlyList<GeneratedFunction> Built = FunctionsMetadata.ReadBuilt();

    public static TheoryData<string, Func<GeneratedFunction, GeneratedFunction>, string, string> Edits => new()
    {
        { "GetHealth", f => f with { Route = "healthz" }, "'GetHealth'", "route 'healthz'" },
        { "GetHealth", f => f with { Methods = ["post"] }, "'GetHealth'", "[post]" },
        { "GetHealth", f => f with { Methods = ["get"] }, "'GetHealth'", "accepts [get]; the catalog says GET, so exactly [get, head]" },
        { "GetHealth", f => f with { Methods = ["get", "head", "post"] }, "'GetHealth'", "[get, head, post]" },
        { "ProcessPayment", f => f with { Methods = ["post", "head"] }, "'ProcessPayment'", "the catalog says POST, so exactly [post]" },
        { "GetHealth", f => f with { AuthLevel = "Function" }, "'GetHealth'", "authorization level Function" },
        { "GetHealth", f => f with { Name = "GetHealthz" }, "'GetHealthz'", "no endpoint of that name" },
        { "MaintenanceQueue", f => f with { QueueName = "maintenence" }, "'MaintenanceQueue'", "listens on 'maintenence'" },
        { "MaintenanceQueue", f => f with { Connection = "Storage" }, "'MaintenanceQueue'", "connection 'Storage'" },
        { "MaintenanceQueue", f => f with { Name = "HousekeepingQueue" }, "'HousekeepingQueue'", "named for no queue" },
        { "MaintenanceSweep", f => f with { Schedule = "0 5 * * * *" }, "'MaintenanceSweep'", "schedule '0 5 * * * *'" },
        { "MaintenanceSweep", f => f with { Name = "Sweep" }, "'Sweep'", "no schedule of that name" },
        { "MaintenanceSweep", f => f with { TriggerType = "blobTrigger" }, "'MaintenanceSweep'", "blobTrigger" },
    };

    [Fact]
    public void Drift_OfTheBuiltAdapter_IsNone() => Assert.Empty(CatalogDrift.All(Built));

    [Theory]
    [MemberData(nameof(Edits))]
    public void Drift_WhenTheMetadataIsAltered_NamesTheFunctionAndTheDifference(string name, Func<GeneratedFunction, GeneratedFunction> edit,
        string function, string difference)
    {
        Assert.Single(Built, f => f.Name == name);
        var altered = Built.Select(f => f.Name == name ? edit(f) : f).ToList();

        var drift = CatalogDrift.All(altered);

        Assert.Contains(drift, line => line.Contains(function, StringComparison.Ordinal) && line.Contains(difference, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GetHealth", "Endpoint 'GetHealth' (GET health) has no HTTP function named 'GetHealth'.")]
    [InlineData("PaymentReconciliationQueue", "Queue 'payment-reconciliation' has no function named 'PaymentReconciliationQueue'.")]
    [InlineData("PaymentReconciliationSweep", "Schedule 'PaymentReconciliationSweep' has no timer function named 'PaymentReconciliationSweep'.")]
    public void Drift_WhenAFunctionIsMissing_NamesTheEntryLeftWithout(string removed, string expected) =>
        Assert.Equal([expected], CatalogDrift.All(Built.Where(f => f.Name != removed).ToList()));

    [Fact]
    public void Drift_WhenAFunctionIsGeneratedTwice_NamesIt()
    {
        var twice = Built.Append(Built.Single(f => f.Name == "GetHealth") with { EntryPoint = "Elsewhere.GetHealth" }).ToList();

        Assert.Contains(CatalogDrift.All(twice), line => line.StartsWith("Function name 'GetHealth' is generated 2 times", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_TakesTheTriggerBinding_AmongOtherBindings()
    {
        var functions = FunctionsMetadata.Read("""
            [{"name":"F","entryPoint":"A.F","bindings":[
              {"name":"$return","direction":"Out","type":"http"},
              {"name":"req","direction":"In","type":"httpTrigger","authLevel":"Anonymous","methods":["get"],"route":"health"}]},
             {"name":"G","entryPoint":"A.G","bindings":[{"name":"o","direction":"Out","type":"queue","queueName":"x"}]}]
            """);

        Assert.Equal(new GeneratedFunction("F", "A.F", "httpTrigger") { AuthLevel = "Anonymous", Route = "health" }, functions[0] with { Methods = [] });
        Assert.Equal(["get"], functions[0].Methods);
        Assert.Equal("(none)", functions[1].TriggerType);
    }
}
