using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BookedBarber.ProcessorSimulators.Tests;

/// <summary>A loopback HTTP endpoint that records the webhooks POSTed to it and answers with a chosen status.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _scriptedStatuses = new();

    private WebhookReceiver(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The URL a subscription should name.</summary>
    public string Url => BaseUrl + "/webhooks/square";

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel().UseUrls($"http://{IPAddress.Loopback}:0");
        var app = builder.Build();
        var address = "";
        WebhookReceiver? receiver = null;
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            receiver!.Received.Enqueue(new ReceivedWebhook(address + http.Request.Path, headers, body));
            return Results.StatusCode(receiver._scriptedStatuses.TryDequeue(out var status) ? status : 200);
        });
        await app.StartAsync();
        address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        receiver = new WebhookReceiver(app, address);
        return receiver;
    }

    /// <summary>The next requests are answered with these statuses, in order (then 200).</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _scriptedStatuses.Enqueue(status);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One POST the receiver got: the full URL, headers (lower-case names) and raw body.</summary>
public sealed record ReceivedWebhook(string Url, IReadOnlyDictionary<string, string> Headers, string Body);
