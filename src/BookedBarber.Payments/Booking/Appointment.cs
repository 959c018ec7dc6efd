namespace BookedBarber.Payments.Booking;

/// <summary>An appointment of the booking platform: whose it is, for whom, what, when and for how much.</summary>
public sealed record Appointment(
    int Id,
    int BarberId,
    int ClientId,
    string? ClientName,
    string ServiceName,
    DateTimeOffset StartTime,
    BookedBarber.Payments.Amounts.Money Price);
