namespace BookedBarber.Payments.Collections;

/// <summary>
/// Invariant 3, "collected once at the processor": a collected collection with something left to charge has exactly one
/// succeeded charge at Stripe, of Remaining + fee; a fully netted one has none; a collection not collected has none.
/// The builder's invariant checker calls it per collection; each string is one problem.
/// </summary>
public sealed class CollectionChargeAudit(ICollectionChargeGateway gateway)
{
    public const string Succeeded = "succeeded";

    public async Task<IReadOnlyList<string>> CheckAsync(CommissionCollection collection, CancellationToken cancellationToken)
    {
        if (collection.Status == CollectionStatus.Building) return [];
        var succeeded = (await gateway.FindChargesAsync(collection.Id, cancellationToken)).Where(c => c.Status == Succeeded).ToList();
        var problems = new List<string>();
        var ids = string.Join(", ", succeeded.Select(c => c.Id));
        if (collection.Status != CollectionStatus.Collected)
        {
            if (succeeded.Count > 0)
                problems.Add($"collection is {collection.Status} but Stripe holds {succeeded.Count} succeeded charge(s): {ids}");
            return problems;
        }
        var remaining = collection.Remaining.Minor;
        if (remaining <= 0)
        {
            if (succeeded.Count > 0) problems.Add($"collection was fully netted but Stripe holds {succeeded.Count} succeeded charge(s): {ids}");
            return problems;
        }
        if (succeeded.Count != 1)
        {
            problems.Add($"collected collection has {succeeded.Count} succeeded charges at Stripe (expected exactly 1){(ids.Length > 0 ? ": " + ids : "")}");
            return problems;
        }
        var charge = succeeded[0];
        var expected = remaining + collection.ProcessingFeeMinor;
        if (charge.AmountMinor != expected || !string.Equals(charge.Currency, collection.Currency.Code, StringComparison.OrdinalIgnoreCase))
            problems.Add(FormattableString.Invariant(
                $"charge {charge.Id} took {charge.AmountMinor} {charge.Currency}, expected {expected} {collection.Currency.Code} (remaining + processing fee)"));
        if (collection.ChargeId is { } recorded && recorded != charge.Id && collection.PaymentIntentId != charge.PaymentIntentId)
            problems.Add($"collection records charge {recorded} but Stripe's succeeded charge is {charge.Id}");
        return problems;
    }
}
