namespace BookedBarber.Payments.Processors.Square;

/// <summary>The OAuth scopes we rely on.</summary>
public static class SquareOAuthScopes
{
    public const string PaymentsRead = "PAYMENTS_READ";
    public const string PaymentsWrite = "PAYMENTS_WRITE";
    public const string MerchantProfileRead = "MERCHANT_PROFILE_READ";

    /// <summary>What a connected location needs: read and take payments, read its locations.</summary>
    public static readonly IReadOnlyList<string> Required = [PaymentsRead, PaymentsWrite, MerchantProfileRead];
}
