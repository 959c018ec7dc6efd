using BookedBarber.Payments.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Collections;

/// <summary><c>POST /platform-collections/collections/{collection_id}/retry</c>: charge a failed collection again now.</summary>
public static class RetryCollectionEndpoint
{
    public static async Task<Ok<RetryCollectionResponse>> Handle(
        [FromRoute] int collectionId, [FromBody] RetryCollectionRequest body, ApiCall call, CollectionCharger charger, CancellationToken cancellationToken) =>
        TypedResults.Ok(await charger.RetryAsync(call.Caller, collectionId, body.CollectionMethod, body.RetryReason, call.RequestId, cancellationToken));
}
