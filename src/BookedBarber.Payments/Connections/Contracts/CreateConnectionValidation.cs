namespace BookedBarber.Payments.Connections;

/// <summary>What was verified against the processor when the connection was created.</summary>
public sealed record CreateConnectionValidation(
    bool ConnectionValid,
    bool PermissionsVerified,
    bool WebhookConfigured);
