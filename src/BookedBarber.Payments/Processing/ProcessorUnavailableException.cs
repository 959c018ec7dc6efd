
namespace BookedBarber.Payments.Processing;

/// <summary>
/// A processor cannot be called now: its circuit is open (nothing was sent), or every attempt failed transiently
/// (<see cref="Exception.InnerException"/> is the last failure). Routing falls back to the platform when the barber allows it.
/// </summary>
public sealed class ProcessorUnavailableException(string processor, string reason, Exception? innerException = null)
    : Exception($"The {processor} processor is unavailable: {reason}", innerException)
{
    public string Processor { get; } = processor;

    public string Reason { get; } = reason;
}
