using Microsoft.AspNetCore.Http;

namespace BookedBarber.Payments.Http;

/// <summary>Builds responses with the API's JSON options, so every body is snake_case the same way.</summary>
public static class ApiResults
{
    public static IResult Ok<T>(T body) => Results.Json(body, Json.Options, statusCode: StatusCodes.Status200OK);

    public static IResult Created<T>(T body) => Results.Json(body, Json.Options, statusCode: StatusCodes.Status201Created);

    public static IResult Status<T>(int status, T body) => Results.Json(body, Json.Options, statusCode: status);

    public static IResult Error(ApiException error, string requestId, DateTimeOffset now) =>
        Results.Json(
            new ErrorEnvelope(new ErrorBody(error.Code, error.Message, error.Details, now, requestId)),
            Json.Options,
            statusCode: error.Status);
}
