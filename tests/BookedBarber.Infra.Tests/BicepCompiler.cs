using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace BookedBarber.Infra.Tests;

/// <summary>What <c>bicep build infra/main.bicep</c> said and produced.</summary>
public sealed record BicepBuild(int ExitCode, string Diagnostics, JsonObject? Template);

/// <summary>
/// Runs the Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package: offline, no Azure CLI needed. The build runs
/// once per test run and every test reads its result.
/// </summary>
public static class BicepCompiler
{
    public const string PackageId = "azure.bicep.commandline.linux-x64";

    private static readonly Lazy<BicepBuild> Main = new(() => Build(RepoPaths.File("infra/main.bicep")));

    public static BicepBuild MainBuild => Main.Value;

    /// <summary>The compiled main template; fails the calling test if the build did not succeed.</summary>
    public static ArmTemplate MainTemplate =>
        MainBuild.Template is { } template
            ? new ArmTemplate(template)
            : throw new InvalidOperationException($"bicep build failed (exit {MainBuild.ExitCode}):\n{MainBuild.Diagnostics}");

    public static BicepBuild Build(string bicepFile)
    {
        var bicep = LocateBinary();
        var outDir = Directory.CreateTempSubdirectory("bicep-build-");
        try
        {
            var outFile = Path.Combine(outDir.FullName, "main.json");
            var start = new ProcessStartInfo(bicep)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "build", bicepFile, "--outfile", outFile }) start.ArgumentList.Add(arg);

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {bicep}.");
            // Read both streams concurrently so a full pipe can never stall the compiler.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("bicep build did not finish within 3 minutes.");
            }

            // Linter findings and compiler warnings are printed, yet exit 0: anything printed counts as a diagnostic.
            var diagnostics = (stdout.Result + stderr.Result).Trim();
            var template = process.ExitCode == 0 && File.Exists(outFile)
                ? JsonNode.Parse(File.ReadAllText(outFile))!.AsObject()
                : null;
            return new BicepBuild(process.ExitCode, diagnostics, template);
        }
        finally
        {
            outDir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The restored package's binary: the path its build props gave MSBuild, else the newest version under the NuGet
    /// packages folder ($NUGET_PACKAGES, default ~/.nuget/packages).
    /// </summary>
    public static string LocateBinary()
    {
        var candidates = new List<string>();
        var fromBuild = typeof(BicepCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPath")?.Value;
        if (!string.IsNullOrEmpty(fromBuild)) candidates.Add(fromBuild.Replace('\\', '/'));

        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } env
            ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var packageDir = new DirectoryInfo(Path.Combine(packages, PackageId));
        if (packageDir.Exists)
            candidates.AddRange(packageDir.GetDirectories()
                .Select(d => (Dir: d, Version: Version.TryParse(d.Name, out var v) ? v : new Version(0, 0)))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir.FullName, "tools", "bicep")));

        var binary = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"No Bicep CLI found (tried: {string.Join(", ", candidates.DefaultIfEmpty("nothing"))}). Restore this project: dotnet restore.");
        EnsureExecutable(binary);
        return binary;
    }

    // NuGet extracts files without guaranteeing their mode bits; the binary must be executable to run.
    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) == 0) File.SetUnixFileMode(path, mode | execute);
    }
}
