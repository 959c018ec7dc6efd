
namespace BookedBarber.Payments.Connections;

/// <summary>The per-transaction prices the barber pays their own processor.</summary>
public sealed record ProcessingFees(decimal CardPresent, decimal CardNotPresent, long PerTransactionMinor)
{
    public static readonly ProcessingFees SquareStandard = new(0.026m, 0.029m, 10);

    /// <summary>Online payments are card-not-present.</summary>
    public FeeSchedule Online => new(CardNotPresent, PerTransactionMinor);
}
