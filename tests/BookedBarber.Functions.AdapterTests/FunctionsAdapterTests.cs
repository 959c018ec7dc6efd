using BookedBarber.Payments.Catalog;
using Microsoft.CodeAnalysis;

namespace BookedBarber.Functions.AdapterTests;

/// <summary>The Functions app serves exactly the catalogs, and compiles against the application.</summary>
public sealed class FunctionsAdapterTests
{
    private static readonly IReadOnlyList<SyntaxTree> Sources = FunctionsSource.Parse();
    private static readonly IReadOnlyList<FunctionBinding> Functions = FunctionBindingReader.Read(Sources);

    [Fact]
    public void EveryEndpoint_HasOneAnonymousHttpFunction_WithItsMethodRouteAndName() =>
        AssertNoDrift(CatalogDrift.InEndpoints(Functions, AppCatalog.Endpoints), "AppCatalog.Endpoints");

    [Fact]
    public void EveryQueue_HasOneQueueFunction_OnAzureWebJobsStorage() =>
        AssertNoDrift(CatalogDrift.InQueues(Functions, AppCatalog.Queues), "AppCatalog.Queues");

    [Fact]
    public void EverySchedule_HasOneTimerFunction_BoundToItsSetting() =>
        AssertNoDrift(CatalogDrift.InSchedules(Functions, AppCatalog.Schedules), "AppCatalog.Schedules");

    [Fact]
    public void FunctionNames_AreUnique_AndEveryFunctionHasATrigger() =>
        AssertNoDrift(CatalogDrift.InFunctionNames(Functions), "the Functions app itself");

    [Fact]
    public void Reader_FindsOneFunctionPerCatalogEntry()
    {
        // Guards the checks above against a reader that silently finds nothing.
        Assert.Equal(AppCatalog.Endpoints.Count, Functions.OfType<HttpFunction>().Count());
        Assert.Equal(AppCatalog.Queues.Count, Functions.OfType<QueueFunction>().Count());
        Assert.Equal(AppCatalog.Schedules.Count, Functions.OfType<TimerFunction>().Count());
    }

    [Fact]
    public void Adapter_Compiles_AgainstTheApplicationAndWorkerDeclarations()
    {
        var diagnostics = AdapterCompilation.Create(Sources).GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error
                // src/ builds with warnings as errors; the stand-ins are not ours to hold to that.
                || (d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath != AdapterCompilation.StubsPath))
            .ToList();
        Assert.True(diagnostics.Count == 0,
            $"src/BookedBarber.Functions does not compile against the application:{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", diagnostics));
    }

    [Fact]
    public void Compilation_WhenTheAdapterCallsWhatTheApplicationLacks_ReportsIt()
    {
        var edited = Sources.Select(tree => FunctionsSource.ParseText(
            tree.GetText().ToString().Replace("api.InvokeAsync(", "api.Invoke(", StringComparison.Ordinal), tree.FilePath));

        var errors = AdapterCompilation.Create(edited).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);

        Assert.Contains(errors, error => error.Id == "CS1061" && error.GetMessage().Contains("'Invoke'", StringComparison.Ordinal));
    }

    [Fact]
    public void WorkerStandIns_AreNotCompiledIntoTheTestAssembly() =>
        Assert.DoesNotContain(typeof(FunctionsAdapterTests).Assembly.GetTypes(),
            type => type.Namespace?.StartsWith("Microsoft.Azure.Functions", StringComparison.Ordinal) == true);

    private static void AssertNoDrift(IEnumerable<string> drift, string catalog)
    {
        var differences = drift.ToList();
        Assert.True(differences.Count == 0,
            $"src/BookedBarber.Functions differs from {catalog} in {differences.Count} way(s):{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", differences));
    }
}
