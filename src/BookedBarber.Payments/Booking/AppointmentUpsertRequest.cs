
namespace BookedBarber.Payments.Booking;

public sealed record AppointmentUpsertRequest(
    int? BarberId, int? ClientId, string? ClientName, string? ServiceName, DateTimeOffset? StartTime, decimal? Price, string? Currency);
