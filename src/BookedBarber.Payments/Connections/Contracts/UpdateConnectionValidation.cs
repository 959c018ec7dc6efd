namespace BookedBarber.Payments.Connections;

/// <summary>Whether the updated connection validates and its configuration changed.</summary>
public sealed record UpdateConnectionValidation(
    bool ConnectionValid,
    bool ConfigurationUpdated);
