using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace BookedBarber.Functions.AdapterTests;

/// <summary>The Functions app's C# sources, parsed as the real build would parse them.</summary>
public static class FunctionsSource
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static IReadOnlyList<SyntaxTree> Parse()
    {
        var project = RepoPaths.FunctionsProject;
        var trees = Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(project, path)))
            .Order(StringComparer.Ordinal)
            .Select(path => ParseText(System.IO.File.ReadAllText(path), Path.GetRelativePath(project, path)))
            .ToList();
        if (trees.Count == 0) throw new InvalidOperationException($"No C# sources under {project}.");
        return trees;
    }

    public static SyntaxTree ParseText(string text, string path) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj";
}
