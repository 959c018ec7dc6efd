using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Http;
using BookedBarber.Payments.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace BookedBarber.Payments.Catalog;

/// <summary>
/// One HTTP endpoint: the single place that says its route, method, permission and rate-limit category.
/// The dev host and the Functions app both serve exactly these.
/// </summary>
public sealed record EndpointEntry(
    string Name,
    string Method,
    string Route,
    string? Permission,
    RateLimitCategory RateLimit,
    string Tag,
    string Summary,
    Delegate Handler)
{
    /// <summary>What the handler binds and answers, read from its parameters and return type.</summary>
    public HandlerSignature Signature { get; } = HandlerSignature.Of(Handler);

    public bool Anonymous => Permission is null;

    public BodyKind Body => Signature.Body;

    /// <summary>The route parameter naming a barber whose data this is: the caller must be allowed to act on them.</summary>
    public string? BarberRouteParameter { get; init; }

    public IReadOnlyList<QueryParameter> Query { get; init; } = [];

    /// <summary>
    /// The error codes this endpoint answers with besides those every endpoint of its kind has (validation, not found,
    /// authentication, rate limit, body): the OpenAPI document lists their statuses on the operation.
    /// </summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Codes this endpoint answers with another status than their usual one (a failed processor check on connection create/update is 424).</summary>
    public IReadOnlyDictionary<string, int> ErrorStatuses { get; init; } = new Dictionary<string, int>();

    /// <summary>The status this endpoint answers <paramref name="code"/> with.</summary>
    public int StatusOf(string code) => ErrorStatuses.TryGetValue(code, out var status) ? status : ErrorCodes.StatusOf(code);

    public Type? RequestType => Signature.RequestType;

    /// <summary>The JSON body of the success answer (the first, when a handler has several: create or replace).</summary>
    public Type? ResponseType => Signature.Responses.Select(r => r.Body).FirstOrDefault(b => b is not null);

    public int SuccessStatus => Signature.Responses.Select(r => r.Status).DefaultIfEmpty(StatusCodes.Status200OK).First();

    /// <summary>Not in the API reference: our own operational or internal route.</summary>
    public bool Extension { get; init; }

    public bool Shipped => Signature.Shipped;
}
