
namespace BookedBarber.Payments.Routing;

/// <summary>How routing outcomes are named in the API.</summary>
public static class RoutingNames
{
    public static string Decision(RoutingDecision decision) => decision.ToString().ToLowerInvariant();

    public static string Mode(PaymentMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary>Routing details show the commission as a percentage (20.0), as the reference does.</summary>
    public static decimal Percent(decimal rate) => decimal.Round(rate * 100m, 1, MidpointRounding.AwayFromZero);

    public static string ProcessingTime(ProcessorOption processor) => processor.IsPlatform ? "Instant (real-time)" : "1-3 seconds";

    /// <summary>A measured duration as the reference shows it: seconds with one decimal ("1.2s").</summary>
    public static string Seconds(decimal milliseconds) =>
        decimal.Round(milliseconds / 1000m, 1, MidpointRounding.AwayFromZero).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "s";
}
