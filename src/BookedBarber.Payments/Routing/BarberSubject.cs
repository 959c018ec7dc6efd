using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Security;

namespace BookedBarber.Payments.Routing;

/// <summary>
/// Whose payment settings a request is about. Configurations and options exist only for barbers the booking platform
/// knows: without this check a made-up id would be answered with invented defaults, and a PUT would create them.
/// </summary>
public static class BarberSubject
{
    /// <summary>The caller's own barber id; other roles have no payment settings of their own (403, as <c>my-options</c>).</summary>
    public static int Own(Caller caller, string endpoint) => caller.Role == Roles.Barber
        ? caller.UserId
        : throw new DomainException(ErrorCodes.InsufficientPermissions,
            $"Only barbers have their own payment settings; use {endpoint}/{{barber_id}}.",
            new Dictionary<string, object?> { ["role"] = caller.Role });

    /// <summary>404 unless the booking platform knows the barber.</summary>
    public static async Task EnsureKnownAsync(BookingDirectory directory, int barberId, CancellationToken cancellationToken)
    {
        if (!await directory.KnowsBarberAsync(barberId, cancellationToken)) throw DomainException.NotFound("barber", barberId);
    }
}
