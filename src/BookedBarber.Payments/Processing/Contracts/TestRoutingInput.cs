namespace BookedBarber.Payments.Processing;

/// <summary>The routing inputs the test used, echoed back.</summary>
public sealed record TestRoutingInput(
    int AppointmentId,
    decimal Amount,
    string Currency,
    string? ClientPreference);
