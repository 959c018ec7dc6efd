using BookedBarber.Payments.Catalog;

namespace BookedBarber.Payments.UnitTests;

/// <summary>A newcomer finds a type from its file name: each public type of the application lives in a file named after it.</summary>
public sealed class CodeLayoutTests
{
    [Fact]
    public void EveryPublicType_LivesInAFileNamedAfterIt()
    {
        var root = Path.Combine(FindRepo(), "src", "BookedBarber.Payments");
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        var missing = typeof(AppCatalog).Assembly.GetExportedTypes()
            .Where(t => !t.IsNested && t.Namespace?.StartsWith("BookedBarber.Payments", StringComparison.Ordinal) == true)
            .Select(t => t.Name.Split('`')[0])
            .Where(name => !files.Contains(name))
            .Order().ToList();
        Assert.True(missing.Count == 0, "Public types without a file of their name: " + string.Join(", ", missing));
    }

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BookedBarber.Functions.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root was not found.");
    }
}
