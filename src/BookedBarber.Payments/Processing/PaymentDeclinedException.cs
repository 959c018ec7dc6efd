
namespace BookedBarber.Payments.Processing;

/// <summary>The card was declined: a final answer about this card, not a processor failure; never retried elsewhere.</summary>
public sealed class PaymentDeclinedException(string processor, string code, string? declineCode, string message, string? processorPaymentId)
    : Exception(message)
{
    public string Processor { get; } = processor;
    public string Code { get; } = code;
    public string? DeclineCode { get; } = declineCode;
    public string? ProcessorPaymentId { get; } = processorPaymentId;
}
