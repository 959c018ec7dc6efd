using BookedBarber.Payments.Analytics.Optimization;

namespace BookedBarber.Payments.UnitTests.Analytics.Optimization;

public sealed class OptimizationConfidenceTests
{
    [Theory]
    [InlineData(0, 0, 0.00)]
    [InlineData(1, 1, 0.02)]      // (0.01 + 0.0333) / 2 = 0.0217
    [InlineData(50, 15, 0.50)]
    [InlineData(100, 10, 0.67)]   // (1 + 0.3333) / 2
    [InlineData(100, 30, 1.00)]
    [InlineData(100_000, 365, 1.00)]
    public void Confidence_IsTheMeanOfPaymentsAndDaysWithData_EachCappedAtFull(int payments, int days, decimal expected) =>
        Assert.Equal(expected, OptimizationConfidence.Score(payments, days));
}
