namespace BookedBarber.Payments.Sync;

/// <summary>
/// A message on the <c>transaction-sync</c> queue: sync one connection (from <see cref="Since"/>, or its checkpoint; the
/// whole history when <see cref="Force"/>), or, with <see cref="PaymentIds"/>, refresh just those processor payments.
/// <see cref="Trigger"/> says who asked: manual, schedule or webhook.
/// </summary>
public sealed record SyncRequest(int BarberId, int ConnectionId, DateTimeOffset? Since, bool Force, IReadOnlyList<string>? PaymentIds, string Trigger)
{
    public const string QueueName = "transaction-sync";
}
