using System.Collections.Concurrent;
using BookedBarber.Payments.Collections;

namespace BookedBarber.Payments.FunctionalTests.Collections;

/// <summary>
/// Stripe as the charger sees it, in memory (the real gateway is tested against the simulator): a key answers the same
/// every time, every charge made is kept and found by collection. <see cref="Decide"/> says how a new charge ends;
/// <see cref="Unavailable"/> refuses before charging; <see cref="LoseNextResponse"/> charges but loses the answer.
/// </summary>
public sealed class FakeCollectionGateway : ICollectionChargeGateway
{
    private readonly ConcurrentDictionary<string, CollectionChargeOutcome> _byKey = new();
    private int _sequence;

    public Func<CollectionCharge, CollectionChargeOutcome> Decide { get; set; } = _ => null!;

    public bool Unavailable { get; set; }

    public bool LoseNextResponse { get; set; }

    public ConcurrentQueue<(string Kind, CollectionCharge Charge, string Source)> Calls { get; } = new();

    public ConcurrentBag<(long CollectionId, CollectionChargeRecord Record)> Charges { get; } = [];

    public int FindCalls;

    public static CollectionChargeOutcome Decline(string code) => CollectionChargeOutcome.Failure(code, $"Declined: {code}.");

    public Task<CollectionChargeOutcome> DebitConnectAccountAsync(CollectionCharge charge, string connectAccountId, CancellationToken cancellationToken) =>
        Task.FromResult(Charge("debit", charge, connectAccountId));

    public Task<CollectionChargeOutcome> ChargeSavedCardAsync(CollectionCharge charge, string customerId, string paymentMethodId, CancellationToken cancellationToken) =>
        Task.FromResult(Charge("card", charge, $"{customerId}/{paymentMethodId}"));

    public Task<IReadOnlyList<CollectionChargeRecord>> FindChargesAsync(long collectionId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref FindCalls);
        if (Unavailable) throw new CollectionChargeUnavailableException("Stripe is down (test).");
        return Task.FromResult<IReadOnlyList<CollectionChargeRecord>>(Charges.Where(c => c.CollectionId == collectionId).Select(c => c.Record).ToList());
    }

    private CollectionChargeOutcome Charge(string kind, CollectionCharge charge, string source)
    {
        Calls.Enqueue((kind, charge, source));
        if (Unavailable) throw new CollectionChargeUnavailableException("Stripe is down (test).");
        var outcome = _byKey.GetOrAdd(charge.IdempotencyKey, _ =>
        {
            var id = $"ch_fake_{Interlocked.Increment(ref _sequence)}";
            var decided = Decide(charge) ?? CollectionChargeOutcome.Success(null, null);
            var result = decided.Succeeded ? CollectionChargeOutcome.Success(id, "pi_" + id) : decided with { ChargeId = id };
            Charges.Add((charge.CollectionId, new CollectionChargeRecord(id, result.PaymentIntentId, result.Succeeded ? "succeeded" : "failed",
                charge.Amount.Minor, charge.Amount.Currency.Code, charge.Attempt, result.FailureCode)));
            return result;
        });
        if (LoseNextResponse)
        {
            LoseNextResponse = false;
            throw new CollectionChargeUnavailableException("The response was lost (test).");
        }
        return outcome;
    }
}
