using BookedBarber.Payments.Configuration;

namespace BookedBarber.Payments.Connections;

/// <summary>
/// The platform's Square OAuth application (SQUARE_APPLICATION_ID / SQUARE_APPLICATION_SECRET): what refreshes and
/// revokes barbers' tokens. Without a secret neither can happen; a connection's own application_id stands in for the id.
/// </summary>
public sealed record SquareApplication(string? ClientId, string? ClientSecret)
{
    public static SquareApplication From(PaymentsSettings settings) => new(settings.SquareApplicationId, settings.SquareApplicationSecret);

    public override string ToString() => $"SquareApplication {{ ClientId = {ClientId} }}";
}
