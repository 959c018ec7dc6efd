using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Routing;

public sealed record RoutingRequest(
    BarberPaymentConfig Config,
    ProcessorOption? Platform,
    IReadOnlyList<ProcessorOption> Connections,
    Money Amount,
    ClientPreference? Preference,
    Money? Tip = null);
