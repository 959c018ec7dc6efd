using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Processing;

/// <summary>One charge to make at a processor. <see cref="IdempotencyKey"/> makes a retry of it never charge twice.</summary>
public sealed record ChargeRequest(
    string AttemptId,
    string IdempotencyKey,
    Money Amount,
    Money Commission,
    string CardToken,
    int BarberId,
    int AppointmentId,
    string Description);

/// <summary>What the processor answered for a successful charge.</summary>
public sealed record ChargeResult(string ProcessorPaymentId, Money? ProcessorFee, string? CardBrand, string? LastFour);

/// <summary>The card was declined: a final answer about this card, not a processor failure; never retried elsewhere.</summary>
public sealed class PaymentDeclinedException(string processor, string code, string? declineCode, string message, string? processorPaymentId)
    : Exception(message)
{
    public string Processor { get; } = processor;
    public string Code { get; } = code;
    public string? DeclineCode { get; } = declineCode;
    public string? ProcessorPaymentId { get; } = processorPaymentId;
}

/// <summary>The processor refused the request for a reason that is not the card (bad credentials, invalid request).</summary>
public sealed class ProcessorRejectedException(string processor, int status, string code, string message) : Exception(message)
{
    public string Processor { get; } = processor;
    public int Status { get; } = status;
    public string Code { get; } = code;
}

/// <summary>What the processor says happened to an attempt: completed, declined, still pending, or never received (absent).</summary>
public sealed record ChargeLookup(string Status, string? ProcessorPaymentId)
{
    public const string AbsentStatus = "absent";

    public static readonly ChargeLookup Absent = new(AbsentStatus, null);
}
