using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.ExternalTransactions;

namespace BookedBarber.Payments.UnitTests;

public sealed class ExternalTransactionMergeTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 15, 30, 0, TimeSpan.Zero);

    private static Money Usd(long minor) => new(minor, Currency.Usd);

    private static ExternalTransaction Square(string status, long? version = null, long? fees = null, long? refunded = null) =>
        new(7, 1, 5, "square", "sq_pay_1", Usd(7500), status, At, ProcessorFees: fees is { } f ? Usd(f) : null,
            RefundedAmount: refunded is { } r ? Usd(r) : null, Version: version);

    [Theory]
    [InlineData("pending", "completed", true)]
    [InlineData("pending", "failed", true)]
    [InlineData("pending", "refunded", true)]
    [InlineData("completed", "refunded", true)]
    [InlineData("completed", "pending", false)]
    [InlineData("refunded", "completed", false)]
    [InlineData("failed", "completed", false)]
    [InlineData("refunded", "pending", false)]
    [InlineData("completed", "completed", false)]
    public void StatusOnlyMovesForward(string from, string to, bool allowed) =>
        Assert.Equal(allowed, ExternalTransactionStatus.CanMove(from, to));

    [Fact]
    public void ALateOlderObservation_NeverMovesTheStatusBack_NorReplacesNewerFees()
    {
        var stored = Square("completed", version: 4, fees: 205);
        var late = Square("pending", version: 2, fees: null);

        var merged = stored.Absorb(late);

        Assert.Equal("completed", merged.Status);
        Assert.Equal(Usd(205), merged.ProcessorFees);
        Assert.Equal(4, merged.Version);
        Assert.True(merged.SameAs(stored));
    }

    [Fact]
    public void AFeeAdjustmentSeenLater_ReplacesTheFee_EvenWhenLower()
    {
        var stored = Square("completed", version: 3, fees: 205);

        var merged = stored.Absorb(Square("completed", version: 5, fees: 195));

        Assert.Equal(Usd(195), merged.ProcessorFees);
        Assert.False(merged.SameAs(stored));
    }

    [Fact]
    public void ARefund_MovesACompletedPaymentToRefunded_AndRefundsOnlyGrow()
    {
        var refunded = Square("completed", version: 3).Absorb(Square("completed", version: 6, refunded: 2500));
        Assert.Equal(("refunded", Usd(2500)), (refunded.Status, refunded.RefundedAmount));
        Assert.Equal(Usd(5000), refunded.NetVolume);

        var afterOldNews = refunded.Absorb(Square("completed", version: 4, refunded: 1000));
        Assert.Equal(("refunded", Usd(2500)), (afterOldNews.Status, afterOldNews.RefundedAmount));
    }

    [Fact]
    public void AMatchedBooking_IsKept_WhenALaterObservationKnowsNothingOfIt()
    {
        var matched = Square("completed") with { AppointmentId = 12, ClientId = 40, ReconciliationStatus = ReconciliationStatus.Matched, ReconciledAt = At };

        var merged = matched.Absorb(Square("completed") with { ReconciliationStatus = ReconciliationStatus.Unmatched, ReconciledAt = At.AddHours(1) });

        Assert.Equal((12, 40, ReconciliationStatus.Matched, At), (merged.AppointmentId, merged.ClientId, merged.ReconciliationStatus, merged.ReconciledAt));
    }

    [Fact]
    public void NothingButSucceededPayments_CountTowardsVolume()
    {
        Assert.Equal(Usd(0), Square("failed").NetVolume);
        Assert.Equal(Usd(0), Square("pending").NetVolume);
        Assert.Equal(Usd(7500), Square("completed").NetVolume);
    }

    [Theory]
    [InlineData("bb-appt-123", 123)]
    [InlineData("Haircut BB-APPT-45 thanks", 45)]
    [InlineData("att_9f8e bb-appt-7", 7)]
    public void AnAppointmentReference_IsFoundInAReferenceOrNote(string text, int expected)
    {
        Assert.True(AppointmentReference.TryParse(out var id, null, text));
        Assert.Equal(expected, id);
        Assert.Equal("bb-appt-" + expected, AppointmentReference.Format(expected));
    }

    [Theory]
    [InlineData("bb-appt-")]
    [InlineData("bb-appt-0")]
    [InlineData("xbb-appt-12")]
    [InlineData("bb-appt-12345678901")]
    [InlineData("appointment 12")]
    public void TextsThatDoNotNameAnAppointment_AreNotReferences(string text) =>
        Assert.False(AppointmentReference.TryParse(out _, text));

    [Fact]
    public void Rows_SortNewestFirst_AndTheFilterBoundsAPeriod()
    {
        var older = ExternalTransactionRows.RowKey(At, 9);
        var newer = ExternalTransactionRows.RowKey(At.AddSeconds(1), 2);
        Assert.True(string.CompareOrdinal(newer, older) < 0);
        Assert.StartsWith(ExternalTransactionRows.Prefix, older);

        var roundTripped = ExternalTransactionRows.FromEntity(ExternalTransactionRows.ToEntity(Square("refunded", 3, 205, 100) with { TipAmount = Usd(1000), CardBrand = "VISA" }));
        Assert.Equal(Square("refunded", 3, 205, 100) with { TipAmount = Usd(1000), CardBrand = "VISA" }, roundTripped);
    }
}
