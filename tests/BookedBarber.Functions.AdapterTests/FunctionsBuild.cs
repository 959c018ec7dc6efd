using System.Reflection;

namespace BookedBarber.Functions.AdapterTests;

/// <summary>Where the Functions project and its build output are, as the test project's build asked of it.</summary>
public static class FunctionsBuild
{
    private static readonly IReadOnlyDictionary<string, string?> Metadata = typeof(FunctionsBuild).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .ToDictionary(a => a.Key, a => a.Value);

    /// <summary>The build output (bin/&lt;Configuration&gt;/net10.0/) of src/BookedBarber.Functions.</summary>
    public static string OutputDirectory => Required("FunctionsOutputDirectory");

    public static string ProjectPath => Required("FunctionsProject");

    public static string Configuration => Required("Configuration");

    public static string MetadataPath => Path.Combine(OutputDirectory, "functions.metadata");

    private static string Required(string key) =>
        Metadata.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value)
            ? value
            : throw new InvalidOperationException($"The test assembly has no '{key}' metadata: see LocateFunctionsOutput in the csproj.");
}
