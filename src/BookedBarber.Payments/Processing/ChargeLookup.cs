
namespace BookedBarber.Payments.Processing;

/// <summary>What the processor says happened to an attempt: completed, declined, still pending, or never received (absent).</summary>
public sealed record ChargeLookup(string Status, string? ProcessorPaymentId)
{
    public const string AbsentStatus = "absent";

    public static readonly ChargeLookup Absent = new(AbsentStatus, null);
}
