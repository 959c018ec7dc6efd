
namespace BookedBarber.Payments.Processing;

/// <summary>Asks the reconciler to settle attempts pending since before <see cref="Before"/>.</summary>
public sealed record ReconciliationMessage(DateTimeOffset Before);
