
namespace BookedBarber.Payments.Ledger;

/// <summary>The appointment's last attempt is still pending long after it started: ask the processor before paying again.</summary>
public sealed class UnsettledAttemptException(int barberId, string attemptRow) : Exception($"Attempt {attemptRow} of barber {barberId} never settled.")
{
    public int BarberId { get; } = barberId;
    public string AttemptRow { get; } = attemptRow;
}
