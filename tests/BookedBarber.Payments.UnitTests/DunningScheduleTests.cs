using BookedBarber.Payments.Collections;

namespace BookedBarber.Payments.UnitTests;

public sealed class DunningScheduleTests
{
    private static readonly DateTimeOffset FailedAt = new(2026, 7, 22, 14, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 3)]
    [InlineData(2, 7)]
    public void Default_RetriesOneThreeAndSevenDaysAfterEachFailure(int retriesDone, int days) =>
        Assert.Equal(FailedAt.AddDays(days), new DunningSchedule(new CollectionSettings()).NextRetry(retriesDone, FailedAt));

    [Fact]
    public void Default_AfterTheThirdAutomaticRetry_WaitsForAnOperator() =>
        Assert.Null(new DunningSchedule(new CollectionSettings()).NextRetry(3, FailedAt));

    [Fact]
    public void Configured_FollowsCollectionRetryDays()
    {
        var schedule = new DunningSchedule(new CollectionSettings(RetryDays: [2, 5]));
        Assert.Equal(FailedAt.AddDays(2), schedule.NextRetry(0, FailedAt));
        Assert.Equal(FailedAt.AddDays(5), schedule.NextRetry(1, FailedAt));
        Assert.Null(schedule.NextRetry(2, FailedAt));
    }
}
