namespace BookedBarber.Payments.Collections;

/// <summary>How commission is collected from a barber (their config's <c>collection_method</c>, recorded on each collection).</summary>
public static class CollectionMethods
{
    /// <summary>An account debit from the barber's Stripe Connect account.</summary>
    public const string StripeConnect = "stripe_connect";

    /// <summary>An off-session charge of the barber's saved card at the platform's Stripe.</summary>
    public const string CardOnFile = "card_on_file";

    /// <summary>Added to the application fee of the barber's next centralized payments; the rest falls back at the due date.</summary>
    public const string Netting = "netting";

    public static readonly IReadOnlyList<string> All = [StripeConnect, CardOnFile, Netting];

    /// <summary>The methods that charge the barber directly (what netting falls back to).</summary>
    public static readonly IReadOnlyList<string> Direct = [StripeConnect, CardOnFile];
}
