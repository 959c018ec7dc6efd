using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.Routing;

/// <summary>Everything routing needs to know about one barber: their configuration and the processors they can be paid through.</summary>
public sealed record BarberProcessors(
    BarberPaymentConfig Config,
    PlatformAccount? PlatformAccount,
    IReadOnlyList<ProcessorConnection> Connections)
{
    public const string PlatformProcessor = "stripe_platform";

    /// <summary>
    /// The platform's Stripe for payments in <paramref name="currency"/>, when the barber has a Connect account; usable
    /// when that account can receive transfers and the platform takes the currency (<see cref="FeeSchedule.PlatformStripe"/>).
    /// </summary>
    public ProcessorOption? Platform(Currency currency)
    {
        if (PlatformAccount is null) return null;
        if (FeeSchedule.PlatformStripe(currency) is not { } fees)
            // Never priced: an unavailable option is only listed, so its fees are a zero placeholder.
            return new ProcessorOption(PlatformProcessor, null, new FeeSchedule(0m, Money.Zero(currency)), false,
                $"the platform does not take payments in {currency.Code}");
        return new ProcessorOption(PlatformProcessor, null, fees, PlatformAccount.ChargesEnabled,
            PlatformAccount.ChargesEnabled ? null : "the Stripe Connect account cannot receive charges");
    }

    /// <summary>The barber's own processors that take payments in this currency; unusable ones say why.</summary>
    public IReadOnlyList<ProcessorOption> ExternalOptions(string currency) => Connections
        .Where(c => c.SupportsPayments && c.Status != ConnectionStatus.Disconnected && Supported(c.ProcessorType))
        .Select(c => new ProcessorOption(c.ProcessorType, c.Id, c.Fees.Online,
            c.Status == ConnectionStatus.Connected && string.Equals(c.DefaultCurrency, currency, StringComparison.OrdinalIgnoreCase),
            c.Status != ConnectionStatus.Connected ? $"the connection is {c.Status}"
                : !string.Equals(c.DefaultCurrency, currency, StringComparison.OrdinalIgnoreCase) ? $"the connection settles in {c.DefaultCurrency}" : null))
        .ToList();

    public RoutingRequest Request(Money amount, ClientPreference? preference, Money? tip = null) =>
        new(Config, Platform(amount.Currency), ExternalOptions(amount.Currency.Code), amount, preference, tip);

    // We take payments through Square and Stripe; other processors can be connected for sync only.
    private static bool Supported(string processor) => processor is ProcessorTypes.Square or ProcessorTypes.Stripe;
}

/// <summary>
/// Reads a barber's routing inputs from their ledger partition (three reads, in parallel), kept for two seconds so a
/// burst of routing and payments for one barber reads them once. A change made through this instance is seen at once;
/// one made through another instance within two seconds.
/// </summary>
public sealed class BarberProcessorsReader(
    PaymentConfigStore configs, ConnectionStore connections, [FromKeyedServices(InstanceCaches.BarberProcessors)] IMemoryCache recent)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(2);

    /// <summary>How many barbers an instance keeps at most.</summary>
    public const long MaxCachedBarbers = 10_000;

    public Task<BarberProcessors> ReadAsync(int barberId, CancellationToken cancellationToken)
    {
        // The read itself is kept, so concurrent callers share one; a failed or cancelled read is not.
        if (recent.TryGetValue(barberId, out Task<BarberProcessors>? read) && !read!.IsFaulted && !read.IsCanceled)
            return read;
        return recent.Keep(barberId, LoadAsync(barberId, cancellationToken), KeepFor);
    }

    /// <summary>Forgets what was read for the barber, after their configuration or connections changed.</summary>
    public void Invalidate(int barberId) => recent.Remove(barberId);

    private async Task<BarberProcessors> LoadAsync(int barberId, CancellationToken cancellationToken)
    {
        var config = configs.GetAsync(barberId, cancellationToken);
        var platform = connections.GetPlatformAccountAsync(barberId, cancellationToken);
        var external = connections.ListAsync(barberId, cancellationToken);
        await Task.WhenAll(config, platform, external);
        return new BarberProcessors(config.Result, platform.Result, external.Result);
    }
}
