using System.Globalization;

namespace BookedBarber.Payments.Ledger;

/// <summary>
/// The key scheme of the ledger table: one partition per barber, so everything that must change together
/// for a barber (a collection and the transactions it covers) is one entity-group transaction.
/// </summary>
public static class LedgerPartition
{
    public const string ConfigRow = "config";

    public static string For(int barberId) => barberId.ToString("D10", CultureInfo.InvariantCulture);
}
