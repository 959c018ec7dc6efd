using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Processing;

/// <summary>What the processor answered for a successful charge.</summary>
public sealed record ChargeResult(string ProcessorPaymentId, Money? ProcessorFee, string? CardBrand, string? LastFour, SavedPaymentMethod? Saved = null);
