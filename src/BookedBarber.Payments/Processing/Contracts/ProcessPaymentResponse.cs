namespace BookedBarber.Payments.Processing;

/// <summary><c>POST /hybrid-payments/process</c> response.</summary>
public sealed record ProcessPaymentResponse(
    string PaymentId,
    string PaymentType,
    string Status,
    decimal Amount,
    string Currency,
    decimal ProcessingFee,
    decimal NetAmount,
    decimal CommissionAmount,
    bool CommissionCollected,
    string RoutingDecision,
    string? ExternalProcessor,
    DateTimeOffset ProcessedAt,
    ProcessRoutingDetails RoutingDetails,
    decimal TipAmount,
    SavedPaymentMethod? SavedPaymentMethod,
    decimal? NettedCommission);
