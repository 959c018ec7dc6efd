namespace BookedBarber.Payments.Collections;

/// <summary>
/// A message on the <c>commission-collection</c> queue: for one barber, build the collection of what is open up to
/// <see cref="Cutoff"/> (when given), then charge what is due, retry what dunning scheduled and sweep what is stuck
/// (<see cref="OperatorRun"/>: also what auto-collection leaves to an operator). Every step is idempotent.
/// </summary>
public sealed record CollectionRequest(int BarberId, DateTimeOffset? Cutoff, string Trigger, long? CollectionId = null, bool OperatorRun = false)
{
    public const string QueueName = "commission-collection";
}
