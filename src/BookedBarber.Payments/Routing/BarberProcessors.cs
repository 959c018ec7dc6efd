using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Amounts;

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
