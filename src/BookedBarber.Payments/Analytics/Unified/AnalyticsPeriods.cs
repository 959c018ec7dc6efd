using BookedBarber.Payments.Errors;

namespace BookedBarber.Payments.Analytics.Unified;

/// <summary>
/// The analytics periods: a number of local days ending today (6_months is 182 days, 1_year 365), or all_time — from
/// the local day of the barber's first payment (looked for back to <see cref="AllTimeYears"/> years) to today.
/// </summary>
public static class AnalyticsPeriods
{
    public const string Default = "30_days";
    public const string AllTime = "all_time";

    /// <summary>How far back all_time looks for the first payment.</summary>
    public const int AllTimeYears = 10;

    public static readonly IReadOnlyDictionary<string, int?> Days = new Dictionary<string, int?>
    {
        ["7_days"] = 7,
        ["30_days"] = 30,
        ["90_days"] = 90,
        ["6_months"] = 182,
        ["1_year"] = 365,
        [AllTime] = null,
    };

    /// <summary>The period's days (null: all_time); 400 VALIDATION_ERROR on <c>period</c> for any other name.</summary>
    public static int? Parse(string? period) =>
        Days.TryGetValue(period ?? Default, out var days)
            ? days
            : throw new DomainException(ErrorCodes.ValidationError, $"period must be one of {string.Join(", ", Days.Keys)}.",
                new Dictionary<string, object?> { ["field"] = "period", ["allowed"] = Days.Keys.ToArray() });
}
