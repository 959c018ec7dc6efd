namespace BookedBarber.Payments.Connections;

/// <summary><c>POST /external-payments/connections</c> response (201).</summary>
public sealed record CreateConnectionResponse(
    long Id,
    string ProcessorType,
    string AccountId,
    string? AccountName,
    string Status,
    string? WebhookUrl,
    DateTimeOffset CreatedAt,
    CreateConnectionValidation ValidationResult);
