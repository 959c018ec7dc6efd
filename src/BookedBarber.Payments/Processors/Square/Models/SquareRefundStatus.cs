namespace BookedBarber.Payments.Processors.Square;

/// <summary>Values of <see cref="SquarePaymentRefund.Status"/>.</summary>
public static class SquareRefundStatus
{
    public const string Pending = "PENDING";
    public const string Completed = "COMPLETED";
    public const string Rejected = "REJECTED";
    public const string Failed = "FAILED";
}
