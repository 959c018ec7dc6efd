using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics;
using BookedBarber.Payments.Analytics.Dashboard;
using BookedBarber.Payments.Ledger;

namespace BookedBarber.Payments.UnitTests.Analytics.Dashboard;

public sealed class RecentTransactionsTests
{
    private static readonly DateTimeOffset At = new(2026, 7, 22, 12, 0, 0, TimeSpan.Zero);

    private static PaymentAttempt Attempt(string status, long? refundedMinor = null) =>
        new("a1", 1, 7, new Money(7500, Currency.Usd), "centralized", "stripe_platform", null, status, new Money(248, Currency.Usd),
            new Money(1500, Currency.Usd), true, "k", At, ProcessorPaymentId: "pi_1", ProcessedAt: At.AddSeconds(2),
            Refunded: refundedMinor is { } r ? new Money(r, Currency.Usd) : null);

    [Fact]
    public void APlatformCharge_HasNoIntegerId_ItsPaymentIdIsTheProcessors()
    {
        Assert.Equal(new DashboardTransaction(null, 75.00m, "centralized", "stripe_platform", "completed", At.AddSeconds(2), "pi_1", "USD"),
            RecentTransactionsReader.Platform(Attempt(AttemptStatus.Completed)));
    }

    [Fact]
    public void APlatformChargeRefundedInPart_ShowsRefunded_ADeclinedOneShowsDeclined()
    {
        Assert.Equal("refunded", RecentTransactionsReader.Platform(Attempt(AttemptStatus.Completed, 1000)).Status);
        Assert.Equal("declined", RecentTransactionsReader.Platform(Attempt(AttemptStatus.Declined)).Status);
    }
}
