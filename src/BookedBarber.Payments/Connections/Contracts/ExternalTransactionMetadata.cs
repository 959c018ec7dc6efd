namespace BookedBarber.Payments.Connections;

/// <summary>What the processor told of the card: brand, last four digits and how it was presented (null when not told).</summary>
public sealed record ExternalTransactionMetadata(
    string? CardBrand,
    string? LastFour,
    string? EntryMethod);
