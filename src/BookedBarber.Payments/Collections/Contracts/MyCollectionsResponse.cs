namespace BookedBarber.Payments.Collections;

/// <summary><c>GET /platform-collections/my-collections</c> response.</summary>
public sealed record MyCollectionsResponse(
    IReadOnlyList<CollectionListItem> Collections,
    MyCollectionsSummary Summary,
    CollectionsPagination Pagination);
