using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Routing;
using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Analytics.Optimization;

/// <summary>
/// <c>GET /unified-payment-analytics/revenue-optimization?period=90_days&amp;barber_id=</c>: the barber's month under
/// each payment mode, priced with the real fee tables over the period's rollups (<see cref="RevenueOptimizer"/>).
/// </summary>
public static class RevenueOptimizationEndpoint
{
    public static async Task<Ok<RevenueOptimizationResponse>> Get(
        [FromQuery] int? barberId, [FromQuery] string? period,
        Caller caller, TenantAccess tenants, RollupReader rollups, BarberProcessorsReader processors, CancellationToken cancellationToken)
    {
        // The period is checked before tenancy only when it cannot be valid for anyone: an unknown name is 400 for all.
        if (period is not null && !AnalysisPeriod.Names.Contains(period))
            throw AnalysisPeriod.Unknown();
        var subject = await tenants.SubjectAsync(caller, barberId, cancellationToken);
        var calendar = await rollups.CalendarAsync(subject, cancellationToken);
        var asked = AnalysisPeriod.Of(period, calendar);
        var window = await rollups.ReadAsync(subject, asked.From, asked.To, cancellationToken);
        var barber = await processors.ReadAsync(subject, cancellationToken);
        return TypedResults.Ok(RevenueOptimizer.Analyze(asked.Fitted(window), window, barber, calendar));
    }
}
