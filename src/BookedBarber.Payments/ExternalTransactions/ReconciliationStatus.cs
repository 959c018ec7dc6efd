namespace BookedBarber.Payments.ExternalTransactions;

/// <summary>Whether an external transaction was tied to a booking: commission is owed only on matched ones.</summary>
public static class ReconciliationStatus
{
    public const string Matched = "matched";
    public const string Unmatched = "unmatched";
    public const string Ambiguous = "ambiguous";
}
