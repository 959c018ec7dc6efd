namespace BookedBarber.Payments.Booking;

/// <summary>A shop of the booking platform: who runs it, which enterprise owns it, which barbers work there.</summary>
public sealed record Shop(int Id, string Name, int OwnerId, int? EnterpriseOwnerId, IReadOnlyList<int> BarberIds);

/// <summary>The shops a barber works in.</summary>
public sealed record BarberMembership(int BarberId, IReadOnlyList<int> ShopIds);

/// <summary>An appointment of the booking platform: whose it is, for whom, what, when and for how much.</summary>
public sealed record Appointment(
    int Id,
    int BarberId,
    int ClientId,
    string? ClientName,
    string ServiceName,
    DateTimeOffset StartTime,
    BookedBarber.Payments.Money.Money Price);
