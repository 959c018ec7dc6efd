using BookedBarber.Payments.Booking;

namespace BookedBarber.Payments.Analytics.Rollups;

/// <summary>Reads a <see cref="LedgerSnapshot"/> of a barber from storage.</summary>
public sealed class LedgerSnapshotReader(BookingDirectory bookings)
{
    /// <summary>Payments made in [from, to) (whole history when null); claims, credits and collections of the whole partition.</summary>
    public Task<LedgerSnapshot> ReadAsync(int barberId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        throw new NotImplementedException($"lead: in progress ({bookings.GetType().Name})");
}
