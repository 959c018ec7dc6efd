using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Security;
using static BookedBarber.Payments.Analytics.Unified.AnalyticsFigures;

namespace BookedBarber.Payments.Analytics.Unified;

/// <summary>
/// A shop's totals for the <c>shop_id</c> extension: the sum of its barbers' figures over the period, each barber's
/// last <c>days</c> local days in their own zone (all_time: each barber's whole history). Only the shop's owner, its
/// enterprise owner and admin may ask; anyone else, and an unknown shop, is 404.
/// </summary>
public sealed class ShopTotalsReader(BookingDirectory bookings, RollupReader rollups)
{
    public async Task<ShopAnalyticsTotals> ReadAsync(Caller caller, int shopId, int? days, CancellationToken cancellationToken)
    {
        if (shopId <= 0) throw DomainException.Validation("shop_id", "shop_id must be a positive integer.");
        var shop = await bookings.GetShopAsync(shopId, cancellationToken);
        var allowed = shop is not null && (caller.Role switch
        {
            Roles.Admin => true,
            Roles.ShopOwner => shop.OwnerId == caller.UserId,
            Roles.EnterpriseOwner => shop.EnterpriseOwnerId == caller.UserId,
            _ => false,
        }) && (caller.ShopId is null || caller.ShopId == shopId);
        if (!allowed) throw DomainException.NotFound("shop", shopId);

        var barbers = shop!.BarberIds.Distinct().Order().ToList();
        ModeTotals? sum = null;
        foreach (var barberId in barbers)
        {
            var calendar = await rollups.CalendarAsync(barberId, cancellationToken);
            var to = calendar.Today;
            var from = days is { } n ? to.AddDays(1 - n) : to.AddYears(-AnalyticsPeriods.AllTimeYears);
            var total = (await rollups.ReadAsync(barberId, from, to, cancellationToken)).Total();
            // Barbers paid in another currency than the first count in numbers of payments only, as inside one window.
            sum = sum is null ? total : sum.PlusCounting(total);
        }
        sum ??= ModeTotals.Zero(Amounts.Currency.Usd);
        return new ShopAnalyticsTotals(shopId, barbers, sum.Payments, sum.Volume.ToMajor(), sum.NetEarnings.ToMajor(), Commission(sum).ToMajor(),
            SuccessRate(sum), TakeRate(sum));
    }
}
