using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>Square's <c>CardPaymentDetails</c> — the fields we read.</summary>
public sealed record SquareCardPaymentDetails
{
    /// <summary>AUTHORIZED, CAPTURED, VOIDED or FAILED.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("card")]
    public SquareCard? Card { get; init; }

    [JsonPropertyName("entry_method")]
    public string? EntryMethod { get; init; }

    [JsonPropertyName("cvv_status")]
    public string? CvvStatus { get; init; }

    [JsonPropertyName("avs_status")]
    public string? AvsStatus { get; init; }

    [JsonPropertyName("auth_result_code")]
    public string? AuthResultCode { get; init; }

    [JsonPropertyName("statement_description")]
    public string? StatementDescription { get; init; }

    [JsonPropertyName("errors")]
    public IReadOnlyList<SquareError>? Errors { get; init; }
}
