using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.ExternalTransactions;

namespace BookedBarber.Payments.UnitTests;

/// <summary>The pure rules tying an external transaction to a booking (README "Reconciliation").</summary>
public sealed class ReconciliationRulesTests
{
    private static readonly DateTimeOffset Paid = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    private static Money Usd(decimal major) => Money.TryFromMajor(major, Currency.Usd, out var m) ? m : throw new ArgumentException("bad amount");

    private static ExternalTransaction Payment(decimal amount, string? reference = null, string? note = null, string status = ExternalTransactionStatus.Completed,
        int? appointmentId = null) =>
        new(0, 1, 5, "square", "sq-1", Usd(amount), status, Paid, Reference: reference, Note: note, AppointmentId: appointmentId);

    private static Appointment Appt(int id, decimal price, TimeSpan startFromPayment, int barberId = 1) =>
        new(id, barberId, 100 + id, null, "Skin Fade", Paid + startFromPayment, Usd(price));

    private static ReconciliationDecision Decide(ExternalTransaction t, Appointment? named = null, IEnumerable<Appointment>? nearby = null,
        params int[] claimed) =>
        ReconciliationRules.Decide(t, 1, named, nearby ?? [], claimed.Contains, 1.00m);

    [Fact]
    public void ANamedAppointmentOfTheBarber_IsAMatch_WhateverTheAmount()
    {
        var named = Appt(7, 45.00m, TimeSpan.FromDays(-3));
        Assert.Equal(new ReconciliationDecision("matched", 7, 107), Decide(Payment(10.00m, reference: "bb-appt-7"), named));
    }

    [Fact]
    public void AnotherBarbersAppointmentId_IsNoMatch_TheAmountRuleDecides()
    {
        var foreign = Appt(41, 45.00m, TimeSpan.Zero, barberId: 3);
        Assert.Equal(ReconciliationDecision.Unmatched, Decide(Payment(45.00m, reference: "bb-appt-41"), foreign, [foreign]));
        var mine = Appt(8, 45.00m, TimeSpan.FromHours(-1));
        Assert.Equal("matched", Decide(Payment(45.00m, reference: "bb-appt-41"), foreign, [foreign, mine]).Status);
    }

    [Theory]
    [InlineData("bb-appt-12", null, 12)]
    [InlineData(null, "Paid at the chair, BB-APPT-13 thanks", 13)]
    [InlineData("sq-ref-12", "no booking", null)]
    public void TheNamedAppointment_IsReadFromReferenceOrNote(string? reference, string? note, int? expected) =>
        Assert.Equal(expected, ReconciliationRules.NamedAppointment(Payment(1m, reference, note)));

    [Fact]
    public void OurOwnPayment_NamesItsAppointment() =>
        Assert.Equal(9, ReconciliationRules.NamedAppointment(Payment(1m, appointmentId: 9)));

    [Theory]
    [InlineData(-6.0, true)]    // paid 6 h after the start
    [InlineData(-6.01, false)]
    [InlineData(2.0, true)]     // paid 2 h before the start
    [InlineData(2.01, false)]
    public void TheWindow_IsTwoHoursBeforeToSixHoursAfterTheStart(double startHoursFromPayment, bool matches)
    {
        var appt = Appt(3, 35.00m, TimeSpan.FromHours(startHoursFromPayment));
        Assert.Equal(matches ? "matched" : "unmatched", Decide(Payment(35.00m), nearby: [appt]).Status);
    }

    [Theory]
    [InlineData(35.00, "matched")]   // exact
    [InlineData(42.00, "matched")]   // tip 7.00
    [InlineData(70.00, "matched")]   // tip 100 % (the cap)
    [InlineData(70.01, "unmatched")] // above the cap
    [InlineData(34.99, "unmatched")] // below the price
    public void TheAmount_IsThePriceOrThePricePlusATipWithinTheCap(decimal amount, string status) =>
        Assert.Equal(status, Decide(Payment(amount), nearby: [Appt(3, 35.00m, TimeSpan.FromHours(-1))]).Status);

    [Fact]
    public void SeveralCandidates_AreAmbiguous_AndExactPricesWinOverTips()
    {
        Assert.Equal(ReconciliationDecision.Ambiguous,
            Decide(Payment(45.00m), nearby: [Appt(3, 45.00m, TimeSpan.FromHours(-1)), Appt(4, 45.00m, TimeSpan.FromHours(-3))]));
        var exact = Decide(Payment(45.00m), nearby: [Appt(3, 45.00m, TimeSpan.FromHours(-1)), Appt(4, 25.00m, TimeSpan.FromHours(-3))]);
        Assert.Equal((("matched", 3)), (exact.Status, exact.AppointmentId));
    }

    [Fact]
    public void AnAppointmentAnotherTransactionMatched_IsNoCandidate()
    {
        var nearby = new[] { Appt(3, 45.00m, TimeSpan.FromHours(-1)), Appt(4, 45.00m, TimeSpan.FromHours(-3)) };
        Assert.Equal((("matched", (int?)4)), (Decide(Payment(45.00m), nearby: nearby, claimed: 3) is var d ? (d.Status, d.AppointmentId) : default));
        Assert.Equal(ReconciliationDecision.Unmatched, Decide(Payment(45.00m), nearby: nearby, claimed: [3, 4]));
    }

    [Fact]
    public void AFailedPayment_IsMatchedOnlyWhenNamed()
    {
        var appt = Appt(3, 45.00m, TimeSpan.FromHours(-1));
        Assert.Equal(ReconciliationDecision.Unmatched, Decide(Payment(45.00m, status: ExternalTransactionStatus.Failed), nearby: [appt]));
        Assert.Equal("matched", Decide(Payment(45.00m, reference: "bb-appt-3", status: ExternalTransactionStatus.Failed), appt).Status);
    }

    [Fact]
    public void AnotherCurrency_IsNoMatch() =>
        Assert.Null(ReconciliationRules.Pays(Usd(45.00m), new Money(4500, Currency.TryParse("EUR", out var eur) ? eur : Currency.Usd), 1.00m));
}
