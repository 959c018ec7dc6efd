using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Analytics.Optimization;

/// <summary>
/// One scenario's monthly figures in money: <see cref="Fees"/> and <see cref="Net"/> null when it cannot be priced;
/// <see cref="Connect"/> the processor the barber would have to connect to take payments this way.
/// </summary>
public sealed record PricedScenario(string Mode, Money Revenue, Money? Fees, Money? Net, Money Commission, string? PricedWith, string? Connect)
{
    public RevenueScenario View() => new(Revenue.ToMajor(), Fees?.ToMajor(), Net?.ToMajor(), (Money.Zero(Commission.Currency) - Commission).ToMajor(), PricedWith);
}
