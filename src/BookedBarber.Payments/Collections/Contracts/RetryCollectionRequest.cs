namespace BookedBarber.Payments.Collections;

/// <summary>
/// <c>POST /platform-collections/collections/{collection_id}/retry</c> request body.
/// Every field is optional and nullable: the handler validates presence and names the missing field.
/// </summary>
public sealed record RetryCollectionRequest
{
    public string? CollectionMethod { get; init; }

    public string? RetryReason { get; init; }
}
