using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Routing;

/// <summary>
/// Fees and commission, each rounded once, half away from zero to the minor unit:
/// processing fee = round(amount × rate + fixed); commission = round((amount − tip) × commission rate).
/// The API reference's route example comes out exactly: 75.00 → 2.48 + 15.00 = 17.48, net 57.52.
/// A tip (the part of the amount above the appointment's price) is the barber's: the processor charges on it, the
/// platform takes no commission from it. A fee schedule prices amounts of its own currency only: mixing throws.
/// </summary>
public static class FeeCalculator
{
    public static FeeEstimate Estimate(Money amount, FeeSchedule fees, decimal commissionRate, Money? tip = null)
    {
        if (commissionRate is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(commissionRate), "A commission rate is between 0 and 1.");
        if (fees.Fixed.Currency != amount.Currency)
            throw new InvalidOperationException($"A fee schedule in {fees.Fixed.Currency} cannot price an amount in {amount.Currency}.");
        var processing = new Money((long)Math.Round(amount.Minor * fees.Rate + fees.Fixed.Minor, 0, MidpointRounding.AwayFromZero), amount.Currency);
        var commissionable = tip is { } t ? amount - t : amount;
        return new FeeEstimate(processing, commissionable.Times(commissionRate));
    }

    public static Money Net(Money amount, FeeEstimate estimate) => amount - estimate.Total;
}
