namespace BookedBarber.Payments.Analytics.Peers;

/// <summary>
/// One barber's figures for one local month (<c>yyyy-MM</c>), platform-wide, so a barber can be placed among peers:
/// written whenever that barber's rollups of the month change. Money in major units of <see cref="CurrencyCode"/>.
/// </summary>
public sealed record PeerMonth(
    string Month,
    int BarberId,
    string CurrencyCode,
    int Payments,
    int Successes,
    decimal Volume,
    decimal NetEarnings,
    decimal FeesAndCommission,
    int DistinctClients,
    DateTimeOffset UpdatedAt);
