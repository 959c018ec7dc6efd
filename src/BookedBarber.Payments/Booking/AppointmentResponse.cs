
namespace BookedBarber.Payments.Booking;

public sealed record AppointmentResponse(
    int Id, int BarberId, int ClientId, string? ClientName, string ServiceName, DateTimeOffset StartTime, decimal Price, string Currency)
{
    public static AppointmentResponse From(Appointment a) =>
        new(a.Id, a.BarberId, a.ClientId, a.ClientName, a.ServiceName, a.StartTime, a.Price.ToMajor(), a.Price.Currency.Code);
}
