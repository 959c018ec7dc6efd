namespace BookedBarber.Payments.Analytics;

/// <summary>One growth recommendation with its estimated impact (e.g. "$285/month").</summary>
public sealed record GrowthRecommendation(
    string Category,
    string Recommendation,
    string Impact,
    string Difficulty,
    string Timeframe);
