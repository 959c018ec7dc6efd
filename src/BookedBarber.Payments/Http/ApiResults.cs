using BookedBarber.Payments.Errors;
using Microsoft.AspNetCore.Http;

namespace BookedBarber.Payments.Http;

/// <summary>Builds responses with the API's JSON options, so every body is snake_case the same way.</summary>
public static class ApiResults
{
    public static IResult Ok<T>(T body) => Results.Json(body, Json.Options, statusCode: StatusCodes.Status200OK);

    public static IResult Created<T>(T body) => Results.Json(body, Json.Options, statusCode: StatusCodes.Status201Created);

    public static IResult Status<T>(int status, T body) => Results.Json(body, Json.Options, statusCode: status);

    /// <summary>
    /// Writes a handler's answer: typed results carrying a value (Ok&lt;T&gt;, Created&lt;T&gt;, …) as JSON with the API's
    /// options and their status; any other result (text, a replayed stored response) as it executes itself.
    /// </summary>
    public static Task WriteAsync(IResult result, HttpContext http)
    {
        if (result is INestedHttpResult nested) result = nested.Result;
        if (result is IValueHttpResult { Value: var value } and IStatusCodeHttpResult { StatusCode: { } status })
        {
            http.Response.StatusCode = status;
            return http.Response.WriteAsJsonAsync(value, value?.GetType() ?? typeof(object), Json.Options, "application/json; charset=utf-8", http.RequestAborted);
        }
        return result.ExecuteAsync(http);
    }

    /// <summary>The envelope of <paramref name="error"/>, with its code's status unless the endpoint names another.</summary>
    public static IResult Error(DomainException error, string requestId, DateTimeOffset now, int? status = null) =>
        Results.Json(
            ErrorEnvelope.For(error, requestId, now),
            Json.Options,
            statusCode: status ?? ErrorCodes.StatusOf(error.Code));
}
