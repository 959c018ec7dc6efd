using BookedBarber.Payments.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Collections;

/// <summary><c>GET /internal/collections/check?barber_id=</c> (operators): the invariant checker's report for one barber or all.</summary>
public static class CollectionCheckEndpoint
{
    public static async Task<Ok<CollectionInvariantReport>> Handle(
        [FromQuery] int? barberId, CollectionInvariantChecker checker, CancellationToken cancellationToken)
    {
        if (barberId is <= 0) throw DomainException.Validation("barber_id", "barber_id must be a positive integer.");
        return TypedResults.Ok(await checker.CheckAsync(barberId is { } id ? [id] : null, cancellationToken));
    }
}
