using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Processors.Square;
using BookedBarber.Payments.Sync;

namespace BookedBarber.Payments.UnitTests;

public sealed class SquarePaymentMapperTests
{
    private static readonly ProcessorConnection Connection = new(5, 123, ProcessorTypes.Square, "L1", null, ConnectionStatus.Connected, "", "L1", "USD",
        ProcessingFees.SquareStandard, DateTimeOffset.UnixEpoch);

    private static readonly DateTimeOffset Created = new(2026, 11, 1, 14, 0, 0, TimeSpan.Zero);

    private static SquarePayment Payment(string status, long amount = 7000, long? tip = 500, long? refunded = null, params long[] fees) => new()
    {
        Id = "sq_1",
        CreatedAt = Created,
        UpdatedAt = Created.AddMinutes(3),
        AmountMoney = new SquareMoney(amount, "USD"),
        TipMoney = tip is { } t ? new SquareMoney(t, "USD") : null,
        TotalMoney = new SquareMoney(amount + (tip ?? 0), "USD"),
        Status = status,
        RefundedMoney = refunded is { } r ? new SquareMoney(r, "USD") : null,
        ProcessingFee = fees.Length == 0 ? null : [.. fees.Select((f, i) => new SquareProcessingFee(Created, i == 0 ? "INITIAL" : "ADJUSTMENT", new SquareMoney(f, "USD")))],
        CustomerId = "cust_9",
        ReferenceId = "bb-appt-456",
        Note = "Skin fade",
        CardDetails = new SquareCardPaymentDetails { Card = new SquareCard { CardBrand = "MASTERCARD", Last4 = "4444" }, EntryMethod = "EMV" },
    };

    [Theory]
    [InlineData("APPROVED", ExternalTransactionStatus.Pending)]
    [InlineData("PENDING", ExternalTransactionStatus.Pending)]
    [InlineData("COMPLETED", ExternalTransactionStatus.Completed)]
    [InlineData("FAILED", ExternalTransactionStatus.Failed)]
    [InlineData("CANCELED", ExternalTransactionStatus.Failed)]
    public void SquareStatuses_MapToTheContracts(string square, string expected) =>
        Assert.Equal(expected, SquarePaymentMapper.ToTransaction(Payment(square), Connection).Status);

    [Fact]
    public void APayment_IsWhatTheClientPaid_WithItsTipCardAndReference()
    {
        var t = SquarePaymentMapper.ToTransaction(Payment("COMPLETED", fees: [212, -7]), Connection);

        Assert.Equal((123, 5, "square", "sq_1"), (t.BarberId, t.ConnectionId, t.ProcessorType, t.ExternalTransactionId));
        Assert.Equal(new Money(7500, Currency.Usd), t.Amount);
        Assert.Equal(new Money(500, Currency.Usd), t.TipAmount);
        Assert.Equal(new Money(205, Currency.Usd), t.ProcessorFees); // INITIAL + a negative ADJUSTMENT
        Assert.Equal(("MASTERCARD", "4444", "EMV", "cust_9"), (t.CardBrand, t.LastFour, t.EntryMethod, t.ExternalCustomerId));
        Assert.Equal(("bb-appt-456", "Skin fade"), (t.Reference, t.Note));
        Assert.Equal(Created, t.ProcessedAt);
        Assert.Equal(Created.AddMinutes(3).ToUnixTimeMilliseconds(), t.Version);
        Assert.Null(t.RefundedAmount);
    }

    [Fact]
    public void AnyRefundedMoney_MakesItRefunded_WithThatAmount()
    {
        var t = SquarePaymentMapper.ToTransaction(Payment("COMPLETED", refunded: 2000), Connection);

        Assert.Equal(ExternalTransactionStatus.Refunded, t.Status);
        Assert.Equal(new Money(2000, Currency.Usd), t.RefundedAmount);
    }

    [Fact]
    public void FeesNotYetAssessed_AreNull_NotZero() =>
        Assert.Null(SquarePaymentMapper.ToTransaction(Payment("COMPLETED"), Connection).ProcessorFees);

    [Fact]
    public void TheSameReconciliationDecision_KeepsItsFirstTime_SoARescanChangesNothing()
    {
        var first = SquarePaymentMapper.ToTransaction(Payment("COMPLETED"), Connection) with { ReconciledAt = Created.AddHours(1) };
        var again = first with { ReconciledAt = Created.AddHours(2) };

        var merged = first.Absorb(again);

        Assert.True(merged.SameAs(first));
        Assert.Equal(Created.AddHours(1), merged.ReconciledAt);
        var matched = first.Absorb(again with { ReconciliationStatus = ReconciliationStatus.Matched, AppointmentId = 456 });
        Assert.Equal((ReconciliationStatus.Matched, Created.AddHours(2)), (matched.ReconciliationStatus, matched.ReconciledAt));
    }
}
