
namespace BookedBarber.Payments.Ledger;

public static class AttemptStatus
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Declined = "declined";
    public const string Failed = "failed";
}
