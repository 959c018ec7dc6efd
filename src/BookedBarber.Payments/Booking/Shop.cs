namespace BookedBarber.Payments.Booking;

/// <summary>A shop of the booking platform: who runs it, which enterprise owns it, which barbers work there.</summary>
public sealed record Shop(int Id, string Name, int OwnerId, int? EnterpriseOwnerId, IReadOnlyList<int> BarberIds);
