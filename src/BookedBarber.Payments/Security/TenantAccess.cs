using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Booking;

namespace BookedBarber.Payments.Security;

/// <summary>
/// Who may act on a barber's data: the barber; the owner of a shop they work in; the enterprise owner of
/// such a shop; an admin. A token scoped to one shop (shop_id claim) narrows an owner to that shop.
/// Anyone else is told the object does not exist.
/// </summary>
public sealed class TenantAccess(BookingDirectory directory)
{
    public async Task<bool> CanActOnBarberAsync(Caller caller, int barberId, CancellationToken cancellationToken)
    {
        switch (caller.Role)
        {
            case Roles.Admin:
                return true;
            case Roles.Barber:
                return caller.UserId == barberId;
            case Roles.ShopOwner:
            case Roles.EnterpriseOwner:
                var membership = await directory.GetMembershipAsync(barberId, cancellationToken);
                foreach (var shopId in membership.ShopIds)
                {
                    if (caller.ShopId is { } scoped && scoped != shopId) continue;
                    var shop = await directory.GetShopAsync(shopId, cancellationToken);
                    if (shop is null) continue;
                    if (caller.Role == Roles.ShopOwner ? shop.OwnerId == caller.UserId : shop.EnterpriseOwnerId == caller.UserId) return true;
                }
                return false;
            default:
                return false;
        }
    }

    /// <summary>Throws 404 (never 403: another tenant's objects must not be seen to exist) unless the caller may act on the barber.</summary>
    public async Task EnsureBarberAsync(Caller caller, int barberId, string resource, object id, CancellationToken cancellationToken)
    {
        if (!await CanActOnBarberAsync(caller, barberId, cancellationToken)) throw DomainException.NotFound(resource, id);
    }

    /// <summary>
    /// The barber a request is about: a barber naming nobody means themselves; anyone else names the barber with
    /// <c>barber_id</c> (400 without it). A barber the caller may not act on, or the booking platform does not know, is 404.
    /// </summary>
    public async Task<int> SubjectAsync(Caller caller, int? barberId, CancellationToken cancellationToken)
    {
        if (barberId is null)
            return caller.Role == Roles.Barber
                ? caller.UserId
                : throw DomainException.Validation("barber_id", "barber_id is required: only barbers have payments of their own.");
        if (barberId <= 0) throw DomainException.Validation("barber_id", "barber_id must be a positive integer.");
        var id = barberId.Value;
        if (!await CanActOnBarberAsync(caller, id, cancellationToken) || !await directory.KnowsBarberAsync(id, cancellationToken))
            throw DomainException.NotFound("barber", id);
        return id;
    }
}
