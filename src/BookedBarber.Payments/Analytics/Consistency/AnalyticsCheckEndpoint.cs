using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Analytics.Consistency;

/// <summary><c>GET /internal/analytics/check?barber_id=</c> (operators): the analytics consistency report for one barber or all.</summary>
public static class AnalyticsCheckEndpoint
{
    public static async Task<Ok<AnalyticsCheckReport>> Handle(
        [FromQuery] int? barberId, Caller caller, AnalyticsConsistencyChecker checker, CancellationToken cancellationToken)
    {
        if (barberId is <= 0) throw DomainException.Validation("barber_id", "barber_id must be a positive integer.");
        return TypedResults.Ok(await checker.CheckAsync(barberId is { } id ? [id] : null, caller, cancellationToken));
    }
}
