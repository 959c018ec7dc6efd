namespace BookedBarber.Payments.Processors.Square;

/// <summary>Values of <see cref="SquarePayment.Status"/>.</summary>
public static class SquarePaymentStatus
{
    public const string Approved = "APPROVED";
    public const string Pending = "PENDING";
    public const string Completed = "COMPLETED";
    public const string Canceled = "CANCELED";
    public const string Failed = "FAILED";
}
