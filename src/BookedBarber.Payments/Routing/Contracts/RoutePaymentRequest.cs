namespace BookedBarber.Payments.Routing;

/// <summary>
/// <c>POST /hybrid-payments/route</c> request body.
/// Every field is optional and nullable: the handler validates presence and names the missing field.
/// </summary>
public sealed record RoutePaymentRequest
{
    public int? AppointmentId { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public string? ClientPreference { get; init; }
}
