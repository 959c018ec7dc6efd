using Microsoft.CodeAnalysis;

namespace BookedBarber.Functions.AdapterTests;

/// <summary>The source check itself: a body edited to run another entry than its own name must be reported.</summary>
public sealed class DelegationDriftTests
{
    [Theory]
    [InlineData("api.InvokeAsync(\"GetHealth\"", "api.InvokeAsync(\"GetApiDocs\"", "'GetHealth'", "InvokeAsync with [GetApiDocs]")]
    [InlineData("new QueueDelivery(\"maintenance\"", "new QueueDelivery(\"payment-reconciliation\"", "'MaintenanceQueue'", "QueueDelivery for [payment-reconciliation]")]
    [InlineData("RunJobAsync(\"MaintenanceSweep\"", "RunJobAsync(\"PaymentReconciliationSweep\"", "'MaintenanceSweep'", "RunJobAsync with [PaymentReconciliationSweep]")]
    [InlineData("RunJobAsync(\"MaintenanceSweep\"", "RunJobAsync(MaintenanceSweepJob.Name", "'MaintenanceSweep'", "[<MaintenanceSweepJob.Name>]")]
    [InlineData("[Function(\"GetHealth\")]", "[Function(\"Health\")]", "'Health'", "named for no endpoint, queue or schedule")]
    public void Drift_WhenABodyIsEdited_NamesTheFunctionAndTheDifference(string original, string edited, string function, string difference)
    {
        var drift = DelegationDrift.All(FunctionBodyReader.Read(Edit(original, edited))).ToList();

        Assert.Contains(drift, line => line.Contains(function, StringComparison.Ordinal) && line.Contains(difference, StringComparison.Ordinal));
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
