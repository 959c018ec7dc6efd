namespace BookedBarber.Payments.Booking;

/// <summary>The shops a barber works in.</summary>
public sealed record BarberMembership(int BarberId, IReadOnlyList<int> ShopIds);
