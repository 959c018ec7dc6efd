
namespace BookedBarber.Payments.Booking;

public sealed record ShopUpsertRequest(string? Name, int? OwnerId, int? EnterpriseOwnerId, IReadOnlyList<int>? BarberIds, string? TimeZone = null);
