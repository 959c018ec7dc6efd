namespace BookedBarber.Payments.Booking;

/// <summary>
/// A shop of the booking platform: who runs it, which enterprise owns it, which barbers work there, and the IANA time
/// zone its days are counted in (null: UTC).
/// </summary>
public sealed record Shop(int Id, string Name, int OwnerId, int? EnterpriseOwnerId, IReadOnlyList<int> BarberIds, string? TimeZone = null);
