namespace BookedBarber.Payments.Sync;

/// <summary>Who asked for a sync (<see cref="SyncRequest.Trigger"/>).</summary>
public static class SyncTriggers
{
    public const string Manual = "manual";
    public const string Schedule = "schedule";
    public const string Webhook = "webhook";

    /// <summary>The rest of a manual run that was larger than a request should wait for.</summary>
    public const string Continuation = "continuation";
}
