
namespace BookedBarber.Payments.Processing;

/// <summary>The circuit breaker as routing and <see cref="ProcessorCallPolicy"/> use it (an interface so they can be tested without storage).</summary>
public interface IProcessorHealth
{
    Task<ProcessorCircuit> GetAsync(string processor, CancellationToken cancellationToken = default);

    /// <summary>Whether routing may pick this processor now; when not, why (for <c>ProcessorOption.UnavailableReason</c>). Never writes.</summary>
    Task<(bool Available, string? Reason)> IsAvailableAsync(string processor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether a call may be made now. Closed: yes, without a write. Open: no, with the reason. Half-open: yes
    /// for exactly one caller across all instances (it claims the trial call with an ETag-guarded write).
    /// </summary>
    Task<(bool Allowed, string? Reason)> TryAcquireCallAsync(string processor, CancellationToken cancellationToken = default);

    Task<ProcessorCircuit> RecordSuccessAsync(string processor, CancellationToken cancellationToken = default);

    Task<ProcessorCircuit> RecordFailureAsync(string processor, string reason, CancellationToken cancellationToken = default);
}
