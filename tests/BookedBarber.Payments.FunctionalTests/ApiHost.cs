using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BookedBarber.DevHost;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Security;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>One private Azurite for the whole test run; every host gets its own table and queue prefix.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public AzuriteProcess Azurite { get; private set; } = null!;

    /// <summary>A seeded host for tests that only read the demo world or write objects of their own.</summary>
    public ApiHost Shared { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync(dataDirectory: null);
        Shared = await ApiHost.StartAsync(this);
    }

    public async Task DisposeAsync()
    {
        await Shared.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

/// <summary>A real dev host on Kestrel (a free loopback port) over the shared Azurite, and an HTTP client for it.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string SigningKey = "dGVzdC1zaWduaW5nLWtleS1mb3ItZnVuY3Rpb25hbC10ZXN0cy0xMjM0NQ==";

    private readonly DevHostApp _app;

    private ApiHost(DevHostApp app, string prefix)
    {
        _app = app;
        Prefix = prefix;
        Client = new HttpClient { BaseAddress = new Uri(app.BaseUrl + "/") };
    }

    public HttpClient Client { get; }

    public string Prefix { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The host's Stripe and Square simulators (no real processor keys are configured in tests).</summary>
    public ProcessorSimulators.SimulatorServer Simulators => _app.Simulators ?? throw new InvalidOperationException("This host talks to real processors.");

    public StorageAccount Storage => Services.GetRequiredService<StorageAccount>();

    public static async Task<ApiHost> StartAsync(AzuriteFixture azurite, bool seed = true, IDictionary<string, string?>? settings = null,
        QueueHostSettings? queues = null, bool background = false, string? prefix = null, string? storageConnection = null, bool seedHistory = false,
        Action<IServiceCollection>? services = null)
    {
        prefix ??= "t" + Guid.NewGuid().ToString("N")[..12];
        var all = new Dictionary<string, string?>
        {
            [SettingNames.StorageConnection] = storageConnection ?? azurite.Azurite.ConnectionString,
            [SettingNames.StorageNamePrefix] = prefix,
            [SettingNames.AuthSigningKey] = SigningKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var app = await DevHostApp.StartAsync(new DevHostOptions
        {
            Port = 0,
            Seed = seed,
            SeedHistory = seedHistory,
            Background = background,
            Queues = queues,
            DataDirectory = Path.Combine(Path.GetTempPath(), "bookedbarber-tests", prefix),
            Settings = all,
            ConfigureServices = services,
        });
        return new ApiHost(app, prefix);
    }

    public string Token(int userId, string role, IEnumerable<string>? permissions = null, int? shopId = null) =>
        Services.GetRequiredService<TokenIssuer>().Issue(userId, role, permissions, shopId);

    public string BarberToken(int barberId = 1) => Token(barberId, Roles.Barber);

    public string AdminToken() => Token(DemoWorld.AdminId, Roles.Admin);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, string? json = null,
        string contentType = "application/json", string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, contentType);
            if (contentType != "application/json") request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, token);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}

/// <summary>Assertions that read like the contract: status, envelope code, the field named in details.</summary>
public static class ApiAssert
{
    public static async Task<JsonElement> Json(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.True(response.Headers.Contains("X-Request-Id"), "Every response carries X-Request-Id");
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement> Error(HttpResponseMessage response, int status, string code)
    {
        var body = await Json(response, status);
        var error = body.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.Object, error.GetProperty("details").ValueKind);
        Assert.True(error.GetProperty("timestamp").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), error.GetProperty("request_id").GetString());
        Assert.Equal(["error"], body.EnumerateObject().Select(p => p.Name));
        return error;
    }
}
