using BookedBarber.Payments.Http;
using BookedBarber.Payments.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Catalog;

/// <summary>
/// Stand-in handlers of contract routes whose capability has not landed: their signatures carry the contract's
/// request and response types (for the catalog and the OpenAPI document); the dispatcher answers 501 in the envelope
/// without binding them, never a fake body.
/// </summary>
public static class NotYetShipped
{
    [NotShipped]
    public static Task<Ok<TResponse>> Answer<TResponse>() => throw Unreachable();

    [NotShipped]
    public static Task<Ok<TResponse>> Answer<TRequest, TResponse>([FromBody] TRequest body) => throw Unreachable();

    [NotShipped]
    public static Task<Created<TResponse>> Create<TRequest, TResponse>([FromBody] TRequest body) => throw Unreachable();

    /// <summary>A webhook: the raw body, verified by its signature.</summary>
    [NotShipped]
    public static Task<Ok<TResponse>> Receive<TResponse>([FromBody] byte[] payload) => throw Unreachable();

    public static DomainException NotImplemented(Catalog.EndpointEntry endpoint) =>
        new(ErrorCodes.NotImplemented, $"{endpoint.Method} /{endpoint.Route} is part of the API but has not shipped yet.",
            new Dictionary<string, object?> { ["endpoint"] = endpoint.Name });

    private static InvalidOperationException Unreachable() => new("The dispatcher answers 501 for a handler that has not shipped.");
}
