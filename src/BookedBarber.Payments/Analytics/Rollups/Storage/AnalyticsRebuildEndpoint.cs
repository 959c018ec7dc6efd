using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Analytics.Rollups.Storage;

/// <summary><c>POST /internal/analytics/rebuild</c> (operators): rebuilds one barber's stored rollups now, from the whole ledger.</summary>
public static class AnalyticsRebuildEndpoint
{
    public static async Task<Ok<AnalyticsRebuildResponse>> Handle(
        [FromBody] AnalyticsRebuildRequest body, BookingDirectory directory, RollupRebuilder rebuilder, CancellationToken cancellationToken)
    {
        var barberId = body.BarberId ?? throw DomainException.Validation("barber_id", "barber_id is required.");
        if (barberId <= 0) throw DomainException.Validation("barber_id", "barber_id must be a positive integer.");
        await BarberSubject.EnsureKnownAsync(directory, barberId, cancellationToken);
        var done = await rebuilder.RebuildAsync(barberId, cancellationToken);
        return TypedResults.Ok(new AnalyticsRebuildResponse(done.BarberId, done.MonthsWritten, done.Days, done.Payments, done.ElapsedMs));
    }
}
