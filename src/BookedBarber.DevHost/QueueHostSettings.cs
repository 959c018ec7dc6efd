
namespace BookedBarber.DevHost;

/// <summary>The queue semantics host.json gives the Functions runtime, applied by the dev host's queue pump.</summary>
public sealed record QueueHostSettings(int BatchSize, int NewBatchThreshold, TimeSpan MaxPollingInterval, TimeSpan VisibilityTimeout, int MaxDequeueCount);
