namespace BookedBarber.Payments.Connections;

public static class ProcessorTypes
{
    public const string Square = "square";
    public const string Stripe = "stripe";

    /// <summary>
    /// The processors a connection can really be made to (validated, webhooks registered, synced). The reference's
    /// example also names paypal and clover; we list only what works, and refuse the others with this list.
    /// </summary>
    public static readonly IReadOnlyList<string> Supported = [Stripe, Square];
}
