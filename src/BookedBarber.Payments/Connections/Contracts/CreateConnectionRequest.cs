namespace BookedBarber.Payments.Connections;

/// <summary>
/// <c>POST /external-payments/connections</c> request body.
/// Every field is optional and nullable: the handler validates presence and names the missing field.
/// </summary>
public sealed record CreateConnectionRequest
{
    public string? ProcessorType { get; init; }

    public string? AccountId { get; init; }

    public string? AccountName { get; init; }

    public ConnectionConfig? ConnectionConfig { get; init; }

    public bool? WebhookNotifications { get; init; }
}
