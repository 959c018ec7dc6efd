namespace BookedBarber.Payments.Connections;

/// <summary>The processor's fee rates (card present / not present) and fixed per-transaction fee.</summary>
public sealed record ConnectionProcessingFees(
    decimal CardPresent,
    decimal CardNotPresent,
    decimal PerTransaction);
