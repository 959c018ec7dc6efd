using BookedBarber.Payments.Configuration;

namespace BookedBarber.DevHost;

/// <summary>How to run the dev host: from the environment for ./dev.sh, or set by tests and the benchmark.</summary>
public sealed record DevHostOptions
{
    /// <summary>The CORS origin allowed by default: a frontend's dev server (React, Next.js, Vite's preview).</summary>
    public const string FrontendDevOrigin = "http://localhost:3000";

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; } = 7071;

    public string DataDirectory { get; init; } = Path.Combine(RepoPaths.Root, ".dev-data");

    /// <summary>Seed the demo world on start.</summary>
    public bool Seed { get; init; }

    /// <summary>Also seed ninety days of payments through the simulators (needs <see cref="Seed"/> and no real processor keys).</summary>
    public bool SeedHistory { get; init; }

    /// <summary>Run the queue pump and the scheduler.</summary>
    public bool Background { get; init; } = true;

    /// <summary>Start a private Azurite in memory rather than under the data directory.</summary>
    public bool InMemoryStorage { get; init; }

    /// <summary>Queue semantics other than host.json's (tests use short retry delays).</summary>
    public QueueHostSettings? Queues { get; init; }

    /// <summary>Services added after the application's (tests capture logs and telemetry with it).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Settings on top of the environment (app-setting names, as in local.settings.json).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public static DevHostOptions FromEnvironment() => new()
    {
        Port = int.TryParse(Environment.GetEnvironmentVariable("PORT"), out var port) ? port : 7071,
        DataDirectory = Path.GetFullPath(Environment.GetEnvironmentVariable("DEV_DATA_DIR") is { Length: > 0 } dir ? dir : Path.Combine(RepoPaths.Root, ".dev-data")),
        Seed = Environment.GetEnvironmentVariable("DEV_SEED") is not ("0" or "false"),
        SeedHistory = Environment.GetEnvironmentVariable("DEV_SEED_HISTORY") is not ("0" or "false"),
    };

    public string? Setting(IConfiguration configuration, string name) =>
        Settings.TryGetValue(name, out var value) ? value : configuration[name];

    public bool HasStorage(IConfiguration configuration) =>
        !string.IsNullOrEmpty(Setting(configuration, SettingNames.StorageConnection))
        || !string.IsNullOrEmpty(Setting(configuration, SettingNames.StorageConnectionAlternate))
        || !string.IsNullOrEmpty(Setting(configuration, SettingNames.StorageTableServiceUri));
}
