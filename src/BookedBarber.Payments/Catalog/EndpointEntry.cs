using BookedBarber.Payments.Http;
using BookedBarber.Payments.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace BookedBarber.Payments.Catalog;

/// <summary>What an endpoint's request body is: none, a JSON object, or raw bytes checked by the handler (webhooks).</summary>
public enum BodyKind { None, Json, Raw }

/// <summary>A query-string parameter, for validation and the OpenAPI document.</summary>
public sealed record QueryParameter(string Name, string Type, string Description, string? Default = null);

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
    Func<ApiCall, Task<IResult>> Handler)
{
    public bool Anonymous => Permission is null;

    public BodyKind Body { get; init; } = BodyKind.None;

    /// <summary>The route parameter naming a barber whose data this is: the caller must be allowed to act on them.</summary>
    public string? BarberRouteParameter { get; init; }

    public IReadOnlyList<QueryParameter> Query { get; init; } = [];

    public Type? RequestType { get; init; }

    public Type? ResponseType { get; init; }

    public int SuccessStatus { get; init; } = StatusCodes.Status200OK;

    /// <summary>Not in the API reference: our own operational or internal route.</summary>
    public bool Extension { get; init; }

    public bool Shipped => !ReferenceEquals(Handler, NotYetShipped.Handler);
}

/// <summary>A queue the application consumes, and the handler for its messages.</summary>
public sealed record QueueEntry(string Name, string Description, Type HandlerType);

/// <summary>A timer: a six-field NCRONTAB schedule bound from an app setting. Timers only put work on queues.</summary>
public sealed record ScheduleEntry(string Name, string Setting, string DefaultSchedule, string Description, Type JobType);
