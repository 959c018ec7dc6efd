using System.Text.Json.Serialization;
using BookedBarber.Payments.Errors;

namespace BookedBarber.Payments.Http;

/// <summary>The contract's error envelope: <c>{"error":{"code","message","details","timestamp","request_id"}}</c>.</summary>
public sealed record ErrorEnvelope([property: JsonPropertyName("error")] ErrorBody Error)
{
    public static ErrorEnvelope For(DomainException error, string requestId, DateTimeOffset at) =>
        new(new ErrorBody(error.Code, error.Message, error.Details, at, requestId));
}
