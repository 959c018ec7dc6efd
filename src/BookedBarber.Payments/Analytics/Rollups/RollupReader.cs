using BookedBarber.Payments.Analytics.Rollups.Storage;
using BookedBarber.Payments.Booking;

namespace BookedBarber.Payments.Analytics.Rollups;

/// <summary>
/// The one way analytics read a barber's figures: daily rollups of the local days asked for. Every endpoint of
/// <c>/unified-payment-analytics</c> and <c>routing-stats</c> reads through here.
/// </summary>
public sealed class RollupReader(BookingDirectory bookings, LedgerSnapshotReader ledger, TimeProvider clock, StoredRollups? stored = null)
{
    public async Task<BarberCalendar> CalendarAsync(int barberId, CancellationToken cancellationToken) =>
        new(barberId, await bookings.TimeZoneOfBarberAsync(barberId, cancellationToken), clock.GetUtcNow());

    /// <summary>The rollups of local days <paramref name="from"/>..<paramref name="to"/>, inclusive.</summary>
    public async Task<RollupWindow> ReadAsync(int barberId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var calendar = await CalendarAsync(barberId, cancellationToken);
        // Built months (store helper): stored days before today, today live from the ledger.
        if (stored is not null && await stored.ReadAsync(calendar, from, to, cancellationToken) is { } days)
            return new RollupWindow(barberId, calendar.Zone, from, to, days);
        // Computed from the ledger, history included (returning clients need it); stored rollups take over past days.
        var snapshot = await ledger.ReadAsync(barberId, null, calendar.EndOf(to), cancellationToken);
        var firstPaid = DailyRollupCalculator.FirstPaidDays(snapshot, calendar.Zone);
        return new RollupWindow(barberId, calendar.Zone, from, to, DailyRollupCalculator.Compute(snapshot, calendar.Zone, firstPaid, from, to));
    }
}
