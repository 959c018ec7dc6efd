using System.Net;
using BookedBarber.ProcessorSimulators.Square;
using BookedBarber.ProcessorSimulators.Stripe;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BookedBarber.ProcessorSimulators;

/// <summary>
/// Local stand-ins for the Stripe (/v1) and Square (/v2) HTTP APIs on one loopback Kestrel server, so the real
/// Stripe.net client and our Square client are exercised over HTTP. Used by tests and by ./dev.sh without real keys.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorServer(WebApplication app, string baseUrl, StripeSimulator stripe, SquareSimulator square)
    {
        _app = app;
        BaseUrl = baseUrl;
        Stripe = stripe;
        Square = square;
    }

    /// <summary>e.g. http://127.0.0.1:41234 — Stripe.net's ApiBase and the Square client's base address.</summary>
    public string BaseUrl { get; }

    public StripeSimulator Stripe { get; }

    public SquareSimulator Square { get; }

    /// <param name="clock">The simulators' clock (token expiry, created_at, delays); the system clock by default.</param>
    public static async Task<SimulatorServer> StartAsync(int port = 0, CancellationToken cancellationToken = default, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel().UseUrls($"http://{IPAddress.Loopback}:{port}");
        var stripe = new StripeSimulator(clock ?? TimeProvider.System);
        var square = new SquareSimulator(clock ?? TimeProvider.System);
        var app = builder.Build();
        stripe.Map(app);
        square.Map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return new SimulatorServer(app, address, stripe, square);
    }

    public async ValueTask DisposeAsync()
    {
        await Square.StopDeliveriesAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
