using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using BookedBarber.DevHost;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.RateLimiting;

namespace BookedBarber.Bench;

/// <summary>
/// The dev host run as ./dev.sh runs it — <c>dotnet BookedBarber.DevHost.dll</c> with settings in the environment —
/// in its own process, so the benchmark's load generator does not share its runtime. Killed with its tree on dispose.
/// </summary>
public sealed class DevHostProcess : IAsyncDisposable
{
    // Settings from the caller's environment that would point the host elsewhere or change what we measure.
    private static readonly string[] Inherited =
    [
        SettingNames.StorageConnectionAlternate, SettingNames.StorageTableServiceUri, SettingNames.StorageQueueServiceUri,
        SettingNames.StorageCredential, SettingNames.StorageClientId, SettingNames.StorageNamePrefix,
        SettingNames.AuthIssuer, SettingNames.AuthAudience, SettingNames.AuthJwksUrl, SettingNames.ApplicationInsights,
    ];

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private DevHostProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>e.g. http://127.0.0.1:7071/api/v1</summary>
    public string BaseUrl { get; }

    public static string DefaultDll()
    {
        var configuration = typeof(DevHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        return Path.Combine(RepoPaths.Root, "src", "BookedBarber.DevHost", "bin", configuration, "net10.0", "BookedBarber.DevHost.dll");
    }

    public static DevHostProcess Start(string dll, string storageConnection, string signingKey, string dataDirectory)
    {
        if (!File.Exists(dll)) throw new InvalidOperationException($"The dev host is not built: {dll} is missing (./bench.sh builds it).");
        var port = ChildProcesses.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add(dll);
        foreach (var name in Inherited) start.Environment.Remove(name);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith(SettingNames.RateLimitPrefix, StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["PORT"] = $"{port}";
        start.Environment["DEV_DATA_DIR"] = dataDirectory;
        start.Environment["DEV_SEED"] = "1";
        start.Environment[SettingNames.StorageConnection] = storageConnection;
        start.Environment[SettingNames.AuthSigningKey] = signingKey;
        // Limits high enough that the benchmark measures the work, not 429s.
        foreach (var category in Enum.GetValues<RateLimitCategory>().Where(c => c != RateLimitCategory.None))
            start.Environment[SettingNames.RateLimitPrefix + RateLimitPolicy.SettingSuffix(category).ToUpperInvariant()] = "1000000000";

        var process = Process.Start(start) ?? throw new InvalidOperationException("The dev host did not start.");
        var host = new DevHostProcess(process, $"http://127.0.0.1:{port}/api/v1");
        process.OutputDataReceived += (_, e) => host.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => host.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until <c>/health</c> answers 200 and <paramref name="ready"/> holds; throws with the host's output otherwise.</summary>
    public async Task WaitUntilReadyAsync(HttpClient client, Func<Task<bool>> ready, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The dev host exited with code {_process.ExitCode}:\n{Output()}");
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"The dev host was not ready within {timeout.TotalSeconds:0} s:\n{Output()}");
            try
            {
                using var health = await client.GetAsync("health", cancellationToken);
                if (health.StatusCode == HttpStatusCode.OK && await ready()) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    public string Output(int lines = 200) => string.Join('\n', _output.TakeLast(lines));

    public ValueTask DisposeAsync() => new(ChildProcesses.StopTreeAsync(_process));

    private void Remember(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
    }

}
