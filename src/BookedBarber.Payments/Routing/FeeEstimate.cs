using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Routing;

/// <summary>What a payment costs the barber: processing fee, the platform's commission, and what is left.</summary>
public sealed record FeeEstimate(Money ProcessingFee, Money Commission)
{
    public Money Total => ProcessingFee + Commission;
}
