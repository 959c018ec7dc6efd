namespace BookedBarber.Payments.Connections;

public static class ProcessorTypes
{
    public const string Square = "square";
    public const string Stripe = "stripe";

    /// <summary>The processors the API names; we can take payments through Square and Stripe.</summary>
    public static readonly IReadOnlyList<string> Supported = ["stripe", "square", "paypal", "clover"];
}
