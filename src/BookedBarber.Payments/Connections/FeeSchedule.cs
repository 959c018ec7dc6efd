namespace BookedBarber.Payments.Connections;

/// <summary>A processor's price: a percentage of the amount plus a fixed amount per transaction, in minor units.</summary>
public sealed record FeeSchedule(decimal Rate, long FixedMinor)
{
    /// <summary>The platform's Stripe account: 2.9% + 30¢.</summary>
    public static readonly FeeSchedule PlatformStripe = new(0.029m, 30);
}
