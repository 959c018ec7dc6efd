namespace BookedBarber.Payments.Connections;

/// <summary>
/// <c>PUT /external-payments/connections/{connection_id}</c> request body: only the fields given change.
/// </summary>
public sealed record UpdateConnectionRequest
{
    public string? AccountName { get; init; }

    public bool? WebhookNotifications { get; init; }

    public ConnectionConfig? ConnectionConfig { get; init; }
}
