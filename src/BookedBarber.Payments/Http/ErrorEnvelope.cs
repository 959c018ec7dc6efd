using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Http;

/// <summary>The contract's error envelope: <c>{"error":{"code","message","details","timestamp","request_id"}}</c>.</summary>
public sealed record ErrorEnvelope([property: JsonPropertyName("error")] ErrorBody Error);
