namespace BookedBarber.Payments.Routing;

/// <summary><c>GET /hybrid-payments/options/{barber_id}</c> and <c>/hybrid-payments/my-options</c> response.</summary>
public sealed record PaymentOptionsResponse(
    int BarberId,
    string PaymentMode,
    IReadOnlyList<AvailableMethod> AvailableMethods,
    string DefaultMethod,
    bool FallbackEnabled,
    IReadOnlyList<ExternalConnectionSummary> ExternalConnections,
    FeeBreakdown FeeBreakdown);
