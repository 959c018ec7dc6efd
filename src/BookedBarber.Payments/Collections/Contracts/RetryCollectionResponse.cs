namespace BookedBarber.Payments.Collections;

/// <summary><c>POST /platform-collections/collections/{collection_id}/retry</c> response.</summary>
public sealed record RetryCollectionResponse(
    long CollectionId,
    bool RetryInitiated,
    string NewStatus,
    int RetryAttempt,
    DateTimeOffset? EstimatedCompletion);
