
namespace BookedBarber.Payments.Processing;

/// <summary>
/// When a circuit opens and for how long. Defaults: 5 failures within 30 s open it for 30 s; a half-open trial
/// call holds its claim for 30 s (after that, if its outcome was never recorded, another caller may try);
/// reads are cached per instance for 1 s.
/// </summary>
public sealed record ProcessorHealthOptions
{
    public static ProcessorHealthOptions Default { get; } = new();

    public int FailureThreshold { get; init; } = 5;

    public TimeSpan FailureWindow { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan OpenDuration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan TrialLease { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan CacheDuration { get; init; } = TimeSpan.FromSeconds(1);
}
