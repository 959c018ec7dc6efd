
namespace BookedBarber.Payments.Processing;

/// <summary>The processor refused the request for a reason that is not the card (bad credentials, invalid request).</summary>
public sealed class ProcessorRejectedException(string processor, int status, string code, string message) : Exception(message)
{
    public string Processor { get; } = processor;
    public int Status { get; } = status;
    public string Code { get; } = code;
}
