using BookedBarber.Payments.Booking;

namespace BookedBarber.Payments.Analytics.Rollups;

/// <summary>
/// The one way analytics read a barber's figures: daily rollups of the local days asked for. Every endpoint of
/// <c>/unified-payment-analytics</c> and <c>routing-stats</c> reads through here.
/// </summary>
public sealed class RollupReader(BookingDirectory bookings, TimeProvider clock)
{
    public async Task<BarberCalendar> CalendarAsync(int barberId, CancellationToken cancellationToken) =>
        new(barberId, await bookings.TimeZoneOfBarberAsync(barberId, cancellationToken), clock.GetUtcNow());

    /// <summary>The rollups of local days <paramref name="from"/>..<paramref name="to"/>, inclusive.</summary>
    public async Task<RollupWindow> ReadAsync(int barberId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var calendar = await CalendarAsync(barberId, cancellationToken);
        // Skeleton: the lead replaces this with the ledger-computed days (DailyRollupCalculator), then stored months.
        return new RollupWindow(barberId, calendar.Zone, from, to, []);
    }
}
