using BookedBarber.Payments.Analytics.Rollups.Storage;
using BookedBarber.Payments.Analytics.SixFigure;
using BookedBarber.Payments.Booking;

namespace BookedBarber.DevHost;

/// <summary>
/// The demo world's analytics, seeded after the payment history and the collections: barber 1 is enrolled in the Six
/// Figure Barber program since <see cref="EnrolledDaysAgo"/> days with the default target, barber 2 is not enrolled and
/// aims at <see cref="Barber2Target"/>; then every barber's stored rollups are rebuilt, as the nightly
/// <c>AnalyticsRollup</c> timer would, so past days are read from the month rows from the first request on (the history
/// is made with a clock of its own and tells no listener; what later starts add reaches the rollups through the queue).
/// Settings a person changed are left alone; the rebuild is idempotent (a second one writes nothing).
/// </summary>
public static class DemoAnalytics
{
    public const int EnrolledDaysAgo = 120;
    public const decimal Barber2Target = 150_000m;

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var settings = services.GetRequiredService<SixFigureSettingsStore>();
        // UpdatedAt is null only while nobody ever set the barber's settings.
        if ((await settings.GetAsync(1, cancellationToken)).UpdatedAt is null)
            await settings.PutAsync(new SixFigureSettings(1, SixFigureSettings.DefaultAnnualTarget, true, now.AddDays(-EnrolledDaysAgo), now), cancellationToken);
        if ((await settings.GetAsync(2, cancellationToken)).UpdatedAt is null)
            await settings.PutAsync(new SixFigureSettings(2, Barber2Target, false, null, now), cancellationToken);

        var rebuilder = services.GetRequiredService<RollupRebuilder>();
        foreach (var barberId in await services.GetRequiredService<BookingDirectory>().ListBarbersAsync(cancellationToken))
            await rebuilder.RebuildAsync(barberId, cancellationToken);
    }
}
