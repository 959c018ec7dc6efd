using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.Analytics.Rollups;

/// <summary>The three modes rollups are kept per: the routing decisions' names.</summary>
public static class AnalyticsModes
{
    public static readonly string Centralized = RoutingNames.Decision(RoutingDecision.Centralized);
    public static readonly string External = RoutingNames.Decision(RoutingDecision.External);
    public static readonly string Fallback = RoutingNames.Decision(RoutingDecision.Fallback);

    public static readonly IReadOnlyList<string> All = [Centralized, External, Fallback];

    /// <summary>Charged on the platform (Stripe Connect): centralized, and fallback from a failed outside processor.</summary>
    public static bool OnPlatform(string mode) => mode == Centralized || mode == Fallback;
}
