using System.Diagnostics;

namespace BookedBarber.Functions.AdapterTests;

/// <summary>
/// The Functions app published as <c>azd deploy</c> ships it: <c>dotnet publish</c> of the already built project
/// (<c>--no-restore --no-build</c>, so it takes a second) into a private temporary folder, once per test class.
/// </summary>
public sealed class PublishedFunctionsApp : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public PublishedFunctionsApp()
    {
        Directory = Path.Combine(Path.GetTempPath(), "bookedbarber-functions-publish", Guid.NewGuid().ToString("N"));
        // The SDK that runs the tests (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            ArgumentList = { "publish", FunctionsBuild.ProjectPath, "--no-restore", "--no-build", "--nologo", "-v", "q", "-c", FunctionsBuild.Configuration, "-o", Directory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dotnet}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish did not finish within {Timeout}.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):{Environment.NewLine}{output.Result}{error.Result}");
    }

    public string Directory { get; }

    public string PathOf(string relativePath) => Path.Combine(Directory, relativePath);

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { } // a temp folder left behind is harmless
    }
}
