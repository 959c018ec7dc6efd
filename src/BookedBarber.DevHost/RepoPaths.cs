namespace BookedBarber.DevHost;

/// <summary>Finds the repository root (where BookedBarber.Functions.sln and host.json live) from wherever we run.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string HostJson => Path.Combine(Root, "host.json");

    private static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "BookedBarber.Functions.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Run the dev host from inside the repository (BookedBarber.Functions.sln not found).");
    }
}
