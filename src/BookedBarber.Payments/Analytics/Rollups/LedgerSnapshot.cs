using BookedBarber.Payments.Collections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.Analytics.Rollups;

/// <summary>
/// What the ledger holds for one barber over some span, as rollups need it: the platform's payment attempts, the
/// outside transactions, the commission claims, credits and collections, the commission rate history, and which client
/// each booked appointment was for.
/// </summary>
public sealed record LedgerSnapshot(
    int BarberId,
    IReadOnlyList<PaymentAttempt> Attempts,
    IReadOnlyList<ExternalTransaction> Transactions,
    IReadOnlyList<CommissionItem> Items,
    IReadOnlyList<CommissionCollection> Collections,
    IReadOnlyList<CommissionCredit> Credits,
    CommissionRateTimeline Rates,
    IReadOnlyDictionary<int, int> ClientOfAppointment);
