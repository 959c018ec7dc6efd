using BookedBarber.Payments.Errors;
using System.Text.Json;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Http;
using BookedBarber.Payments.RateLimiting;
using BookedBarber.Payments.Security;
using BookedBarber.Payments.Storage;
using BookedBarber.Payments.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;

namespace BookedBarber.Payments.UnitTests;

public sealed class ApiDispatcherTests
{
    private static readonly AuthSettings Auth = new("issuer", "audience", Enumerable.Repeat((byte)7, 32).ToArray(), null);

    private static ApiDispatcher Dispatcher(params EndpointEntry[] endpoints) => Dispatcher(null, endpoints);

    private static ApiDispatcher Dispatcher(ILogger<ApiDispatcher>? logger, params EndpointEntry[] endpoints)
    {
        // Storage is never reached: these endpoints are not rate-limited and touch no tables.
        var settings = new PaymentsSettings("UseDevelopmentStorage=true", null, null, null, "", Auth, new Dictionary<string, int>());
        var storage = new StorageAccount(settings);
        return new ApiDispatcher(new RouteTable(endpoints), new JwtAuthenticator(Auth, null, TimeProvider.System),
            new RateLimiter(storage, settings, TimeProvider.System, InstanceCaches.Create(TimeProvider.System, 10), NullLogger<RateLimiter>.Instance),
            new TenantAccess(new BookingDirectory(storage, InstanceCaches.Create(TimeProvider.System, 10))),
            WebhookTargets(storage),
            TimeProvider.System, logger ?? NullLogger<ApiDispatcher>.Instance);
    }

    private static WebhookTargets WebhookTargets(StorageAccount storage)
    {
        var cache = InstanceCaches.Create(TimeProvider.System, 10);
        return new WebhookTargets(new ConnectionStore(storage, new IdAllocator(storage), new GlobalLookup(storage), cache),
            new ConnectionSecrets(new CredentialProtector(CredentialProtector.NewKeyRing("test"))), cache);
    }

    private static async Task<(int Status, JsonElement Body, IHeaderDictionary Headers)> Send(ApiDispatcher dispatcher, string method, string path, string? token = null)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Request.Method = method;
        http.Request.Path = path;
        if (token is not null) http.Request.Headers.Authorization = "Bearer " + token;
        var body = new MemoryStream();
        http.Response.Body = body;
        await dispatcher.DispatchAsync(http);
        return (http.Response.StatusCode, JsonDocument.Parse(body.ToArray()).RootElement, http.Response.Headers);
    }

    private static async Task<(int Status, byte[] Body, IHeaderDictionary Headers)> Invoke(ApiDispatcher dispatcher, string name, string method, string path)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Request.Method = method;
        http.Request.Path = path;
        var body = new MemoryStream();
        http.Response.Body = body;
        await dispatcher.InvokeAsync(name, http);
        return (http.Response.StatusCode, body.ToArray(), http.Response.Headers);
    }

    private static EndpointEntry Entry(string name, string route, string? permission, Delegate handler) =>
        new(name, "GET", route, permission, RateLimitCategory.None, "Test", "test", handler);

    [Fact]
    public async Task UnhandledException_Is500InTheEnvelope_WithoutInternalDetail()
    {
        var dispatcher = Dispatcher(Entry("Boom", "boom", null, Ok () => throw new InvalidOperationException("connection string Secret=hunter2 at Foo.Bar()")));
        var (status, body, headers) = await Send(dispatcher, "GET", "/api/v1/boom");

        Assert.Equal(500, status);
        var error = body.GetProperty("error");
        Assert.Equal(ErrorCodes.InternalError, error.GetProperty("code").GetString());
        Assert.DoesNotContain("hunter2", body.GetRawText());
        Assert.DoesNotContain("Foo.Bar", body.GetRawText());
        Assert.Equal(headers["X-Request-Id"].ToString(), error.GetProperty("request_id").GetString());
        Assert.Equal(JsonValueKind.Object, error.GetProperty("details").ValueKind);
        Assert.EndsWith("Z", error.GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task UnhandledException_LogsTheEndpoint_NeverTheRawPath()
    {
        var logger = new FakeLogger<ApiDispatcher>();
        var dispatcher = Dispatcher(logger, Entry("Boom", "boom/{id}", null, Ok () => throw new InvalidOperationException("boom")));

        var (status, _, _) = await Send(dispatcher, "GET", "/api/v1/boom/1\n2026-11-23 ERROR forged line");

        Assert.Equal(500, status);
        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Contains("Boom", record.Message);
        Assert.DoesNotContain("forged", record.Message);
        Assert.DoesNotContain(record.StructuredState!, kv => kv.Value?.Contains("forged") == true);
    }

    [Fact]
    public async Task AuthenticationIsCheckedBeforeTheHandler_AndPermissionBeforeThat()
    {
        var ran = false;
        var dispatcher = Dispatcher(Entry("Guarded", "guarded", Permissions.AdminWrite, () => { ran = true; return TypedResults.Ok(); }));

        var (status, body, headers) = await Send(dispatcher, "GET", "/api/v1/guarded");
        Assert.Equal((401, ErrorCodes.Unauthorized), (status, body.GetProperty("error").GetProperty("code").GetString()));
        Assert.StartsWith("Bearer", headers.WWWAuthenticate.ToString());

        var barber = new TokenIssuer(Auth, TimeProvider.System).Issue(1, Roles.Barber);
        (status, body, _) = await Send(dispatcher, "GET", "/api/v1/guarded", barber);
        Assert.Equal((403, ErrorCodes.InsufficientPermissions), (status, body.GetProperty("error").GetProperty("code").GetString()));
        Assert.False(ran);
    }

    [Fact]
    public async Task PendingEndpoint_Is501NotImplemented()
    {
        var dispatcher = Dispatcher(Entry("Later", "later", null, NotYetShipped.Answer<string>));
        var (status, body, _) = await Send(dispatcher, "GET", "/api/v1/later");
        Assert.Equal((501, ErrorCodes.NotImplemented), (status, body.GetProperty("error").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Invoke_Head_RunsTheNamedGetEndpoint_WithItsRouteValues_AndWritesNoBody()
    {
        // In Azure the GET function's trigger also lists HEAD (load balancers probe with it) and calls the GET entry by name.
        var seen = new List<int>();
        var dispatcher = Dispatcher(Entry("GetThing", "things/{thing_id}", null, Ok<object> ([FromRoute] int thingId) =>
        {
            seen.Add(thingId);
            return TypedResults.Ok<object>(new { id = thingId });
        }));

        var get = await Invoke(dispatcher, "GetThing", "GET", "/api/v1/things/7");
        var head = await Invoke(dispatcher, "GetThing", "HEAD", "/api/v1/things/7");

        Assert.Equal([7, 7], seen);
        Assert.Equal((200, 200), (get.Status, head.Status));
        Assert.Equal(7, JsonDocument.Parse(get.Body).RootElement.GetProperty("id").GetInt32());
        Assert.Empty(head.Body);
        Assert.Equal(get.Headers.ContentType, head.Headers.ContentType);
        Assert.Equal("no-store", head.Headers.CacheControl.ToString());
        Assert.StartsWith("req_", head.Headers["X-Request-Id"].ToString());
    }
}
