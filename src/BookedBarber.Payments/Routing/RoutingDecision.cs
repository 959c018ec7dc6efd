
namespace BookedBarber.Payments.Routing;

public enum RoutingDecision { Centralized, External, Fallback }
