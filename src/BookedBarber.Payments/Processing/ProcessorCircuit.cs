
namespace BookedBarber.Payments.Processing;

/// <summary>
/// One processor's circuit. <paramref name="ConsecutiveFailures"/> counts failures since the last recorded success;
/// <paramref name="LastCheckedAt"/> is when an outcome was last written (null: never).
/// </summary>
public sealed record ProcessorCircuit(
    CircuitState State,
    int ConsecutiveFailures,
    DateTimeOffset? OpenUntil,
    string? LastError,
    DateTimeOffset? LastCheckedAt);
