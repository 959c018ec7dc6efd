
namespace BookedBarber.Payments.Booking;

public sealed record ShopResponse(int Id, string Name, int OwnerId, int? EnterpriseOwnerId, IReadOnlyList<int> BarberIds, string? TimeZone);
