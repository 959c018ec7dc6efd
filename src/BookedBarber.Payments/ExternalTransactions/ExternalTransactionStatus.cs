namespace BookedBarber.Payments.ExternalTransactions;

/// <summary>The contract's statuses of an external transaction and the only ways they move: forward.</summary>
public static class ExternalTransactionStatus
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Refunded = "refunded";

    public static readonly IReadOnlyList<string> All = [Pending, Completed, Failed, Refunded];

    /// <summary>
    /// pending → completed | failed | refunded; completed → refunded. Nothing leaves failed or refunded, so a late or
    /// reordered event never moves a status back.
    /// </summary>
    public static bool CanMove(string from, string to) => (from, to) switch
    {
        _ when from == to => false,
        (Pending, Completed or Failed or Refunded) => true,
        (Completed, Refunded) => true,
        _ => false,
    };
}
