using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Ledger;

namespace BookedBarber.Payments.Analytics.Rollups;

/// <summary>
/// Which of the platform's external attempts are already an outside transaction, so the payment counts once, as that
/// transaction: a transaction names the attempt it records (our API recorded it), carries the attempt id as its reference
/// (Square's <c>reference_id</c>, which we set; a sync of a declined Square payment brings that), or is the processor
/// payment the attempt made.
/// </summary>
public sealed class RecordedAttempts
{
    private readonly HashSet<string> keys = new(StringComparer.Ordinal);

    public RecordedAttempts(IEnumerable<ExternalTransaction> transactions)
    {
        foreach (var t in transactions)
        {
            if (t.AttemptId is { } attemptId) keys.Add("a:" + attemptId);
            if (t.Reference is { } reference) keys.Add("a:" + reference);
            keys.Add("p:" + t.ExternalTransactionId);
        }
    }

    /// <summary>Whether <paramref name="attempt"/> is an external attempt one of the transactions records.</summary>
    public bool Records(PaymentAttempt attempt) =>
        attempt.Decision == AnalyticsModes.External
        && (keys.Contains("a:" + attempt.AttemptId) || attempt.ProcessorPaymentId is { } paymentId && keys.Contains("p:" + paymentId));
}
