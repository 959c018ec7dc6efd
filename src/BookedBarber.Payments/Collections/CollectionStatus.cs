namespace BookedBarber.Payments.Collections;

/// <summary>
/// Where a collection is: <c>building</c> (being created, never shown) → <c>pending</c> (statement visible) → <c>due</c>
/// (its due date passed, not yet charged) → <c>processing</c> (a charge with its attempt's key may be in flight) →
/// <c>collected</c> or <c>failed</c> (retried by dunning or an operator).
/// </summary>
public static class CollectionStatus
{
    public const string Building = "building";
    public const string Pending = "pending";
    public const string Due = "due";
    public const string Processing = "processing";
    public const string Collected = "collected";
    public const string Failed = "failed";

    /// <summary>The statuses a client may filter by (building is never shown).</summary>
    public static readonly IReadOnlyList<string> Visible = [Pending, Due, Processing, Collected, Failed];
}
