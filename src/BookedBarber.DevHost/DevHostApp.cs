using BookedBarber.Payments.Http;
using BookedBarber.Payments;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Security;
using BookedBarber.Payments.Storage;
using BookedBarber.Payments.Telemetry;
using BookedBarber.ProcessorSimulators;
using BookedBarber.ProcessorSimulators.Square;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BookedBarber.DevHost;

/// <summary>
/// The application served on Kestrel exactly as the Functions host would serve it: the same catalog at the
/// same routes (<c>api/v1</c>), a queue pump and a scheduler, and a private Azurite when no storage is configured.
/// </summary>
public sealed class DevHostApp : IAsyncDisposable
{
    public const string SimulatorStripeKey = ProcessorSimulators.Stripe.StripeSimulator.PlatformKey; // the simulator refuses unknown keys

    private readonly WebApplication _app;
    private readonly AzuriteProcess? _azurite;

    private DevHostApp(WebApplication app, AzuriteProcess? azurite, SimulatorServer? simulators, string baseUrl)
    {
        _app = app;
        _azurite = azurite;
        Simulators = simulators;
        BaseUrl = baseUrl;
    }

    /// <summary>The local Stripe and Square, when no real processor keys are configured.</summary>
    public SimulatorServer? Simulators { get; }

    /// <summary>The API's base, e.g. http://127.0.0.1:7071/api/v1</summary>
    public string BaseUrl { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<DevHostApp> StartAsync(DevHostOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = RepoPaths.Root });
        // Hosting.Diagnostics logs only request start/finish (below Warning) and opens a log scope holding the raw
        // request path, which logs must never carry: off. Kestrel's own errors still log under Microsoft.AspNetCore.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning).AddFilter("Azure", LogLevel.Warning);
        var hostJson = HostJson.Load(RepoPaths.HostJson);
        if (hostJson.RoutePrefix != RouteTable.Prefix)
            throw new InvalidOperationException($"host.json routePrefix '{hostJson.RoutePrefix}' differs from the application's '{RouteTable.Prefix}'.");

        var settings = new Dictionary<string, string?>(options.Settings);
        AzuriteProcess? azurite = null;
        if (!options.HasStorage(builder.Configuration))
        {
            azurite = await AzuriteProcess.StartAsync(options.InMemoryStorage ? null : Path.Combine(options.DataDirectory, "azurite"), cancellationToken);
            settings[SettingNames.StorageConnection] = azurite.ConnectionString;
        }
        if (string.IsNullOrEmpty(options.Setting(builder.Configuration, SettingNames.AuthSigningKey))
            && string.IsNullOrEmpty(options.Setting(builder.Configuration, SettingNames.AuthJwksUrl)))
            settings[SettingNames.AuthSigningKey] = DevSecrets.LoadOrCreate(options.DataDirectory);
        if (string.IsNullOrEmpty(options.Setting(builder.Configuration, SettingNames.CredentialEncryptionKeys)))
            settings[SettingNames.CredentialEncryptionKeys] = DevSecrets.CredentialKeyRing(options.DataDirectory);
        SimulatorServer? simulators = null;
        if (string.IsNullOrEmpty(options.Setting(builder.Configuration, SettingNames.StripeSecretKey)))
        {
            simulators = await SimulatorServer.StartAsync(cancellationToken: cancellationToken, clock: new SimulatorClock());
            settings[SettingNames.StripeSecretKey] = SimulatorStripeKey;
            settings[SettingNames.StripeApiBase] = simulators.BaseUrl;
            settings[SettingNames.SquareApiBase] = simulators.BaseUrl;
            // The simulator's sellers authorize this application: token refresh and revocation use it.
            settings["SQUARE_APPLICATION_ID"] = SquareSimulator.PlatformApplicationId;
            settings["SQUARE_APPLICATION_SECRET"] = SquareSimulator.PlatformApplicationSecret;
            simulators.Square.AddMerchant(DemoWorld.Barber1SquareToken, DemoWorld.Barber1SquareLocation, "Fade Factory Downtown");
        }
        // A frontend on the usual dev-server port, and this host's own origin under both loopback names.
        if (options.Setting(builder.Configuration, SettingNames.CorsAllowedOrigins) is null)
            settings[SettingNames.CorsAllowedOrigins] = options.Port == 0
                ? DevHostOptions.FrontendDevOrigin
                : $"{DevHostOptions.FrontendDevOrigin},http://127.0.0.1:{options.Port},http://localhost:{options.Port}";
        builder.Configuration.AddInMemoryCollection(settings);

        builder.Services.AddPaymentsApplication(builder.Configuration);
        builder.Services.AddPaymentsTelemetry(builder.Configuration);
        options.ConfigureServices?.Invoke(builder.Services);
        // Issuing tokens is for local use (the demo token, tests); production only verifies them.
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton(options.Queues ?? hostJson.Queues);
        if (options.Background)
        {
            builder.Services.AddHostedService<QueuePump>();
            builder.Services.AddHostedService<Scheduler>();
        }
        builder.WebHost.UseKestrel(k => k.Limits.MaxRequestBodySize = null).UseUrls($"http://127.0.0.1:{options.Port}");

        var app = builder.Build();
        app.MapFunctionsAdmin();
        app.Run(http => http.RequestServices.GetRequiredService<ApiDispatcher>().DispatchAsync(http));
        try
        {
            // Seeded before Kestrel listens: the history switches the Square simulator's outage on and off, which no
            // client may see, and a client that can connect finds the whole demo world.
            if (options.Seed)
            {
                await app.Services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(cancellationToken);
                await DemoWorld.SeedAsync(app.Services, cancellationToken, simulators);
                if (options.SeedHistory && simulators is not null)
                {
                    await DemoHistory.SeedAsync(app.Services, simulators, cancellationToken);
                    await DemoCollections.SeedAsync(app.Services, simulators, cancellationToken);
                    await DemoAnalytics.SeedAsync(app.Services, cancellationToken);
                }
            }
            await app.StartAsync(cancellationToken);
            // Our webhook URL names this host's port, known only now that it listens.
            if (options.Seed && simulators is not null)
                await DemoSquareConnection.ConnectWebhooksAsync(app.Services, simulators, new Uri(ListeningAddress(app)), cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            if (simulators is not null) await simulators.DisposeAsync();
            if (azurite is not null) await azurite.DisposeAsync();
            throw;
        }
        var baseUrl = $"{ListeningAddress(app).TrimEnd('/')}/{RouteTable.Prefix}";
        // ./dev.sh simulate finds this host and its simulators here.
        new DevHostEndpoints(baseUrl, simulators?.BaseUrl).Save(options.DataDirectory);
        return new DevHostApp(app, azurite, simulators, baseUrl);
    }

    private static string ListeningAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        if (Simulators is not null) await Simulators.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}
