using System.Reflection;
using Azure.Storage.Queues.Models;
using BookedBarber.Payments.Catalog;
using Microsoft.AspNetCore.Http;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace BookedBarber.Functions.AdapterTests;

/// <summary>
/// Compiles the Functions app as its build would, except that the worker packages (which do not restore here)
/// are replaced by <c>WorkerStubs.cs</c>: the application assembly and shared frameworks are the real ones.
/// </summary>
public static class AdapterCompilation
{
    public const string StubsPath = "WorkerStubs.cs";

    // What the SDK's ImplicitUsings gives a Microsoft.NET.Sdk project.
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    public static CSharpCompilation Create(IEnumerable<SyntaxTree> functionsSources) =>
        CSharpCompilation.Create(
            "BookedBarber.Functions",
            [
                .. functionsSources,
                FunctionsSource.ParseText(ReadStubs(), StubsPath),
                FunctionsSource.ParseText(ImplicitUsings, "GlobalUsings.g.cs"),
            ],
            References(),
            new CSharpCompilationOptions(
                OutputKind.ConsoleApplication,
                nullableContextOptions: NullableContextOptions.Enable,
                // The SDK's default NoWarn: assembly version unification, which the build resolves.
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

    private static IEnumerable<MetadataReference> References()
    {
        var sharedFrameworks = new[] { typeof(object), typeof(HttpContext) }
            .SelectMany(type => Directory.EnumerateFiles(Path.GetDirectoryName(type.Assembly.Location)!, "*.dll"));
        var packages = new[] { typeof(AppCatalog), typeof(QueueMessage), typeof(Azure.Response), typeof(BinaryData), typeof(OpenTelemetry.IOpenTelemetryBuilder) }
            .Select(type => type.Assembly.Location);
        return sharedFrameworks.Concat(packages)
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(path => MetadataReference.CreateFromFile(path))
            .ToList();
    }

    private static string ReadStubs()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(StubsPath)
            ?? throw new InvalidOperationException($"{StubsPath} is not embedded in the test assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
