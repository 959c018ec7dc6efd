using BookedBarber.Payments.Http;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.Queues;

namespace BookedBarber.DevHost;

/// <summary>
/// The Functions host's admin call for non-HTTP functions, as <c>func start</c> answers it locally:
/// <c>POST /admin/functions/{name}</c> with <c>{"input": "..."}</c> runs that timer (the catalog job) or queue
/// function (<c>input</c> is the message text, handled as one delivery) now and answers 202 with no body.
/// Unknown names and HTTP functions' names are 404 (the host runs only non-HTTP functions this way); failures are the
/// API's error envelope. Unlike the host, which answers before the function runs, the run finishes first, so the
/// caller sees its effect as soon as the answer arrives.
/// </summary>
public static class FunctionsAdminEndpoint
{
    public const string PathPrefix = "/admin/functions";

    /// <summary>Answers the admin path before the API pipeline (which serves only <c>api/v1</c>).</summary>
    public static IApplicationBuilder MapFunctionsAdmin(this IApplicationBuilder app) =>
        app.Map(PathPrefix, admin => admin.Run(HandleAsync));

    public static async Task HandleAsync(HttpContext http)
    {
        var requestId = ApiDispatcher.NewRequestId();
        http.Response.Headers[ApiDispatcher.RequestIdHeader] = requestId;
        ApiResponseHeaders.Apply(http); // no-store and nosniff, as every API answer
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var name = (http.Request.Path.Value ?? "").TrimStart('/');
        var schedule = AppCatalog.Schedules.FirstOrDefault(s => FunctionNames.Of(s) == name);
        var queue = AppCatalog.Queues.FirstOrDefault(q => FunctionNames.Of(q) == name);
        IResult result;
        try
        {
            await RunAsync(http, name, schedule, queue);
            result = Results.StatusCode(StatusCodes.Status202Accepted);
        }
        catch (DomainException error)
        {
            result = ApiResults.Error(error, requestId, clock.GetUtcNow());
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // The catalog's function name only, never the raw path: request text in a log can forge log lines.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FunctionsAdminEndpoint))
                .LogError(ex, "Admin run of function {Function} failed (request {RequestId})", schedule is null && queue is null ? "(unknown)" : name, requestId);
            result = ApiResults.Error(new DomainException(ErrorCodes.InternalError,
                "The function failed. Quote the request_id when reading the dev host's log."), requestId, clock.GetUtcNow());
        }
        await result.ExecuteAsync(http);
    }

    private static async Task RunAsync(HttpContext http, string name, ScheduleEntry? schedule, QueueEntry? queue)
    {
        if (name.Length == 0 || name.Contains('/') || (schedule is null && queue is null))
        {
            var hint = AppCatalog.Endpoints.Any(e => e.Name == name) ? " It is an HTTP function: call it at its route under api/v1." : "";
            throw new DomainException(ErrorCodes.NotFound, $"No timer or queue function named '{name}'.{hint}",
                new Dictionary<string, object?> { ["function"] = name });
        }
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = HttpMethods.Post;
            throw new DomainException(ErrorCodes.MethodNotAllowed, $"{http.Request.Method} is not allowed on {PathPrefix}/{name}.",
                new Dictionary<string, object?> { ["allowed_methods"] = new[] { HttpMethods.Post } });
        }
        if (http.Request.ContentLength > 0 && !JsonBody.IsJsonContentType(http.Request.ContentType))
            throw new DomainException(ErrorCodes.UnsupportedMediaType, "Send the request body as application/json.",
                new Dictionary<string, object?> { ["content_type"] = http.Request.ContentType });
        var invocation = await JsonBody.ReadAsync<FunctionInvocation>(http.Request, http.RequestAborted);

        var dispatcher = http.RequestServices.GetRequiredService<QueueDispatcher>();
        if (schedule is not null)
        {
            await dispatcher.RunJobAsync(schedule.Name, http.RequestAborted);
            return;
        }
        if (string.IsNullOrEmpty(invocation.Input))
            throw DomainException.Validation("input", $"'input' is the message text for the {queue!.Name} queue; it is required.");
        await dispatcher.HandleAsync(new QueueDelivery(queue!.Name, "admin-" + Guid.NewGuid().ToString("N"), invocation.Input, DequeueCount: 1), http.RequestAborted);
    }

    /// <summary>The body the host's admin API takes: the trigger input (a queue message's text; ignored by timers).</summary>
    private sealed record FunctionInvocation(string? Input);
}
