namespace BookedBarber.Infra.Tests;

/// <summary>Paths in the repository, found from the test's output directory.</summary>
public static class RepoPaths
{
    public static readonly string Root = FindRoot();

    public static string File(string relativePath) => Path.Combine(Root, relativePath);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "BookedBarber.Functions.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No BookedBarber.Functions.sln above {AppContext.BaseDirectory}.");
    }
}
