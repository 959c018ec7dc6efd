namespace BookedBarber.Payments.Analytics.SixFigure;

/// <summary>
/// <c>PUT /unified-payment-analytics/six-figure-settings</c> body: only the fields sent change. <c>start_date</c> is
/// the enrolment's start (default: now when enrolling) and is sent only with, or while, enrolment.
/// </summary>
public sealed record SixFigureSettingsRequest(decimal? AnnualTarget, bool? Enrolled, DateTimeOffset? StartDate);
