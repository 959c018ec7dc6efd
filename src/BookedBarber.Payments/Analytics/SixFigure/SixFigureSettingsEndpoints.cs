using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Http;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Analytics.SixFigure;

/// <summary>
/// <c>GET/PUT /unified-payment-analytics/six-figure-settings</c> (extension): the annual target and program enrolment.
/// Anyone who may read the barber's analytics reads them; only the barber themself and admin change them (analytics:read
/// is the one permission the reference's role table gives barbers and admin alike; owners are refused with 403).
/// </summary>
public static class SixFigureSettingsEndpoints
{
    public const decimal MaxAnnualTarget = 10_000_000m;

    /// <summary>Program start dates before this are refused as typos (the platform did not exist).</summary>
    public static readonly DateTimeOffset EarliestStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<Ok<SixFigureSettingsResponse>> Get(
        [FromQuery] int? barberId, Caller caller, TenantAccess tenants, Booking.BookingDirectory bookings, SixFigureSettingsStore store,
        CancellationToken cancellationToken)
    {
        var subject = await tenants.SubjectAsync(caller, barberId, cancellationToken);
        await Routing.BarberSubject.EnsureKnownAsync(bookings, subject, cancellationToken);
        return TypedResults.Ok(SixFigureSettingsResponse.From(await store.GetAsync(subject, cancellationToken)));
    }

    public static async Task<Ok<SixFigureSettingsResponse>> Put(
        [FromQuery] int? barberId, [FromBody] SixFigureSettingsRequest body, ApiCall call, TenantAccess tenants, Booking.BookingDirectory bookings,
        SixFigureSettingsStore store, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = call.Caller;
        if (caller.Role is not (Roles.Barber or Roles.Admin))
            throw new DomainException(ErrorCodes.InsufficientPermissions, "Six-figure settings are set by the barber themself or an admin.",
                new Dictionary<string, object?> { ["role"] = caller.Role });
        var now = clock.GetUtcNow();
        Validate(body, now);
        var subject = await tenants.SubjectAsync(caller, barberId, cancellationToken);
        await Routing.BarberSubject.EnsureKnownAsync(bookings, subject, cancellationToken);

        var before = await store.GetAsync(subject, cancellationToken);
        if (body.StartDate is not null && body.Enrolled is null && !before.Enrolled)
            throw DomainException.Validation("start_date", "start_date is the enrolment's start: send it with enrolled: true, or while enrolled.");
        var enrolled = body.Enrolled ?? before.Enrolled;
        // Enrolling starts now unless told otherwise; leaving the program forgets the start.
        DateTimeOffset? start = !enrolled ? null : body.StartDate ?? (before.Enrolled ? before.StartDate : null) ?? now;
        var after = new SixFigureSettings(subject, body.AnnualTarget ?? before.AnnualTarget, enrolled, start, now);
        if (after with { UpdatedAt = before.UpdatedAt } == before) return TypedResults.Ok(SixFigureSettingsResponse.From(before));
        await store.PutAsync(after, cancellationToken);
        await audit.RecordAsync(subject, caller, "six_figure_settings.updated",
            SixFigureSettingsResponse.From(before), SixFigureSettingsResponse.From(after), call.RequestId, cancellationToken);
        return TypedResults.Ok(SixFigureSettingsResponse.From(after));
    }

    /// <summary>Every field on its own, before anything is read or written.</summary>
    private static void Validate(SixFigureSettingsRequest body, DateTimeOffset now)
    {
        if (body is { AnnualTarget: null, Enrolled: null, StartDate: null })
            throw DomainException.Validation("annual_target", "Nothing to change: send annual_target, enrolled or start_date.");
        if (body.AnnualTarget is { } target)
        {
            if (target <= 0 || target > MaxAnnualTarget)
                throw DomainException.Validation("annual_target", $"annual_target must be positive and at most {MaxAnnualTarget:0}.");
            if (decimal.Round(target, 2) != target)
                throw DomainException.Validation("annual_target", "annual_target has at most two decimal places.");
        }
        if (body.StartDate is { } start)
        {
            if (body.Enrolled == false)
                throw DomainException.Validation("start_date", "start_date is the enrolment's start: it cannot be sent with enrolled: false.");
            if (start > now) throw DomainException.Validation("start_date", "start_date must not be in the future.");
            if (start < EarliestStart) throw DomainException.Validation("start_date", "start_date must be on or after 2000-01-01.");
        }
    }
}
