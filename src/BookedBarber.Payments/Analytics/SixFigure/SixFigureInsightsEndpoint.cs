using BookedBarber.Payments.Analytics.Peers;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Analytics.SixFigure;

/// <summary><c>GET /unified-payment-analytics/six-figure-insights</c>: definitions on <see cref="SixFigureInsightsCalculator"/> and the README.</summary>
public static class SixFigureInsightsEndpoint
{
    public static async Task<Ok<SixFigureInsightsResponse>> Get(
        [FromQuery] int? barberId, Caller caller, TenantAccess tenants, BookingDirectory bookings, RollupReader rollups,
        SixFigureSettingsStore settings, PeerMonthStore peers, CancellationToken cancellationToken)
    {
        var subject = await tenants.SubjectAsync(caller, barberId, cancellationToken);
        await Routing.BarberSubject.EnsureKnownAsync(bookings, subject, cancellationToken);
        var calendar = await rollups.CalendarAsync(subject, cancellationToken);
        var today = calendar.Today;
        var history = await rollups.ReadAsync(subject, today.AddYears(-SixFigureInsightsCalculator.HistoryYears), today, cancellationToken);
        var (from, _) = SixFigureTrend.Current(today);
        var appointments = await bookings.ListAppointmentsAsync(subject, calendar.StartOf(from), calendar.Now, cancellationToken);
        var (monthStart, _) = SixFigureInsightsCalculator.LastFullMonth(today);
        var lastMonth = await peers.ListAsync(SixFigureInsightsCalculator.MonthKey(monthStart), cancellationToken);
        var monthBefore = await peers.ListAsync(SixFigureInsightsCalculator.MonthKey(monthStart.AddMonths(-1)), cancellationToken);
        return TypedResults.Ok(SixFigureInsightsCalculator.Compute(
            await settings.GetAsync(subject, cancellationToken), history, calendar, appointments, lastMonth, monthBefore));
    }
}
