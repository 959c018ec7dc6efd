namespace BookedBarber.Payments.Connections;

/// <summary>
/// <c>PUT /external-payments/connections/{connection_id}</c> request body: only the fields given change.
/// <c>processor_type</c> and <c>account_id</c> (the connection's own fields) may be repeated, never changed.
/// </summary>
public sealed record UpdateConnectionRequest
{
    public string? ProcessorType { get; init; }

    public string? AccountId { get; init; }

    public string? AccountName { get; init; }

    public bool? WebhookNotifications { get; init; }

    public ConnectionConfig? ConnectionConfig { get; init; }
}
