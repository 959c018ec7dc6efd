using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Connections;

/// <summary>
/// A change to a connection's totals from its transactions: successful payments counted, net volume (amount less
/// refunds), and the latest payment time seen.
/// </summary>
public sealed record ConnectionActivity(int Transactions, long VolumeMinor, string? Currency, DateTimeOffset? LastTransactionAt)
{
    public static readonly ConnectionActivity None = new(0, 0, null, null);

    public bool IsEmpty => Transactions == 0 && VolumeMinor == 0 && LastTransactionAt is null;

    /// <summary>This change plus one payment going from <paramref name="countedBefore"/> to <paramref name="countedAfter"/>.</summary>
    public ConnectionActivity Add(bool countedBefore, Money volumeBefore, bool countedAfter, Money volumeAfter, DateTimeOffset at) => new(
        Transactions + (countedAfter ? 1 : 0) - (countedBefore ? 1 : 0),
        VolumeMinor + volumeAfter.Minor - volumeBefore.Minor,
        volumeAfter.Currency.Code,
        countedAfter && (LastTransactionAt is null || at > LastTransactionAt) ? at : LastTransactionAt);

    /// <summary>Both changes together.</summary>
    public ConnectionActivity Plus(ConnectionActivity other) => new(
        Transactions + other.Transactions,
        VolumeMinor + other.VolumeMinor,
        Currency ?? other.Currency,
        (LastTransactionAt, other.LastTransactionAt) switch
        {
            (null, var b) => b,
            (var a, null) => a,
            ({ } a, { } b) => a > b ? a : b,
        });
}
