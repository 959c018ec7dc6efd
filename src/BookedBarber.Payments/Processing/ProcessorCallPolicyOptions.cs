
namespace BookedBarber.Payments.Processing;

/// <summary>Retries and timeouts of processor calls. Defaults: 2 retries, 200 ms median first delay (exponential, jittered), 10 s per attempt.</summary>
public sealed record ProcessorCallPolicyOptions
{
    public static ProcessorCallPolicyOptions Default { get; } = new();

    public int MaxRetries { get; init; } = 2;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
