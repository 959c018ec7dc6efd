namespace BookedBarber.Payments.Connections;

/// <summary><c>PUT /external-payments/connections/{connection_id}</c> response.</summary>
public sealed record UpdateConnectionResponse(
    long Id,
    string? AccountName,
    DateTimeOffset UpdatedAt,
    UpdateConnectionValidation ValidationResult);
