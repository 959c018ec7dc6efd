using System.Text.RegularExpressions;

namespace BookedBarber.Infra.Tests;

/// <summary>Reads the little of azure.yaml the tests need, line by line (no YAML parser for five lines).</summary>
public static partial class AzureYaml
{
    public static string Text() => File.ReadAllText(RepoPaths.File("azure.yaml"));

    /// <summary>The service names: keys indented once under <c>services:</c>.</summary>
    public static IReadOnlyList<string> ServiceNames()
    {
        var lines = Text().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.FindIndex(l => l == "services:");
        Assert.True(start >= 0, "azure.yaml has no services: section.");
        return lines.Skip(start + 1)
            .TakeWhile(l => l.Length == 0 || l.StartsWith(' ') || l.StartsWith('#'))
            .Select(l => ServiceKey().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToList();
    }

    public static string ServiceName() => Assert.Single(ServiceNames());

    [GeneratedRegex(@"^  ([A-Za-z0-9_-]+):\s*$")]
    private static partial Regex ServiceKey();
}
