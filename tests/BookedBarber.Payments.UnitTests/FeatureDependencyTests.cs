using System.Text.RegularExpressions;

namespace BookedBarber.Payments.UnitTests;

/// <summary>Dependencies point one way: endpoints → features → storage. Feature folders never import each other both ways.</summary>
public sealed class FeatureDependencyTests
{
    private static readonly string[] Features = ["Booking", "Connections", "Routing", "Processing", "Ledger", "Webhooks", "Collections", "Analytics"];

    private static DirectoryInfo Application()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BookedBarber.Functions.sln"))) return new DirectoryInfo(Path.Combine(dir.FullName, "src", "BookedBarber.Payments"));
        throw new InvalidOperationException("The repository root was not found.");
    }

    private static HashSet<string> Imports(string feature)
    {
        var folder = Path.Combine(Application().FullName, feature);
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"^using BookedBarber\.Payments\.(\w+)", RegexOptions.Multiline))
            .Select(m => m.Groups[1].Value).Where(n => n != feature).ToHashSet();
    }

    [Fact]
    public void NoTwoFeatures_ImportEachOther()
    {
        var imports = Features.ToDictionary(f => f, Imports);
        foreach (var a in Features)
            foreach (var b in Features.Where(b => string.CompareOrdinal(a, b) < 0))
                Assert.False(imports[a].Contains(b) && imports[b].Contains(a), $"{a} and {b} import each other");
    }

    [Fact]
    public void Routing_NeverImportsProcessing_TheRouterDecidesRoutedOrFail()
    {
        Assert.DoesNotContain("Processing", Imports("Routing"));
    }

    [Fact]
    public void TheLedgerIsStorage_ItImportsNoFeature()
    {
        Assert.Empty(Imports("Ledger").Intersect(Features));
    }
}
