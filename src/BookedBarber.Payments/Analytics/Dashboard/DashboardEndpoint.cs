using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Routing;
using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Analytics.Dashboard;

/// <summary>
/// <c>GET /unified-payment-analytics/dashboard</c>: today and the month to date from the barber's rollups (today is
/// computed live), outstanding commission from their collections, their newest payments, and <c>last_updated</c> = now.
/// </summary>
public static class DashboardEndpoint
{
    public static async Task<Ok<DashboardResponse>> Get(
        [FromQuery] int? barberId,
        Caller caller, TenantAccess tenants, RollupReader rollups, CollectionReader collections, ConnectionStore connections,
        PaymentConfigStore configs, CollectionScheduleClock schedule, RecentTransactionsReader recent, CancellationToken cancellationToken)
    {
        var subject = await tenants.SubjectAsync(caller, barberId, cancellationToken);
        var calendar = await rollups.CalendarAsync(subject, cancellationToken);
        var today = calendar.Today;
        var window = await rollups.ReadAsync(subject, DashboardCalculator.MonthStart(today), today, cancellationToken);
        var config = await configs.GetAsync(subject, cancellationToken);
        var hasConnection = (await connections.ListAsync(subject, cancellationToken)).Count > 0;
        var outstanding = OutstandingCommissionCalculator.Compute(
            await collections.ListAsync(subject, null, null, cancellationToken), calendar.Now, config.CommissionCollectionFrequency, hasConnection, schedule);
        return TypedResults.Ok(new DashboardResponse(
            DashboardCalculator.Today(window, today),
            DashboardCalculator.MonthToDate(window, today),
            outstanding,
            await recent.ReadAsync(subject, cancellationToken),
            calendar.Now));
    }
}
