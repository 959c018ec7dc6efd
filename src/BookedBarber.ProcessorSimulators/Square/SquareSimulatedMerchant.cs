namespace BookedBarber.ProcessorSimulators.Square;

/// <summary>
/// A seller as the simulator holds it: the OAuth application it authorized (client id and secret), its refresh token
/// (ObtainToken with grant_type=refresh_token), its main location and all of its locations.
/// </summary>
public sealed record SquareSimulatedMerchant(
    string MerchantId,
    string ApplicationId,
    string ApplicationSecret,
    string RefreshToken,
    string MainLocationId,
    IReadOnlyList<string> LocationIds);
