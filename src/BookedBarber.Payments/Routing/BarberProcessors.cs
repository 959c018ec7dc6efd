using BookedBarber.Payments.Connections;

namespace BookedBarber.Payments.Routing;

/// <summary>Everything routing needs to know about one barber: their configuration and the processors they can be paid through.</summary>
public sealed record BarberProcessors(
    BarberPaymentConfig Config,
    PlatformAccount? PlatformAccount,
    IReadOnlyList<ProcessorConnection> Connections)
{
    public const string PlatformProcessor = "stripe_platform";

    /// <summary>The platform's Stripe, when the barber has a Connect account that can receive transfers.</summary>
    public ProcessorOption? Platform => PlatformAccount is null
        ? null
        : new ProcessorOption(PlatformProcessor, null, FeeSchedule.PlatformStripe, PlatformAccount.ChargesEnabled,
            PlatformAccount.ChargesEnabled ? null : "the Stripe Connect account cannot receive charges");

    /// <summary>The barber's own processors that take payments in this currency; unusable ones say why.</summary>
    public IReadOnlyList<ProcessorOption> ExternalOptions(string currency) => Connections
        .Where(c => c.SupportsPayments && c.Status != ConnectionStatus.Disconnected && Supported(c.ProcessorType))
        .Select(c => new ProcessorOption(c.ProcessorType, c.Id, c.Fees.Online,
            c.Status == ConnectionStatus.Connected && string.Equals(c.DefaultCurrency, currency, StringComparison.OrdinalIgnoreCase),
            c.Status != ConnectionStatus.Connected ? $"the connection is {c.Status}"
                : !string.Equals(c.DefaultCurrency, currency, StringComparison.OrdinalIgnoreCase) ? $"the connection settles in {c.DefaultCurrency}" : null))
        .ToList();

    public RoutingRequest Request(Money.Money amount, ClientPreference? preference) =>
        new(Config, Platform, ExternalOptions(amount.Currency.Code), amount, preference);

    // We take payments through Square and Stripe; other processors can be connected for sync only.
    private static bool Supported(string processor) => processor is ProcessorTypes.Square or ProcessorTypes.Stripe;
}

/// <summary>Reads a barber's routing inputs from their ledger partition (three point/range reads, in parallel).</summary>
public sealed class BarberProcessorsReader(PaymentConfigStore configs, ConnectionStore connections)
{
    public async Task<BarberProcessors> ReadAsync(int barberId, CancellationToken cancellationToken)
    {
        var config = configs.GetAsync(barberId, cancellationToken);
        var platform = connections.GetPlatformAccountAsync(barberId, cancellationToken);
        var external = connections.ListAsync(barberId, cancellationToken);
        await Task.WhenAll(config, platform, external);
        return new BarberProcessors(config.Result, platform.Result, external.Result);
    }
}
