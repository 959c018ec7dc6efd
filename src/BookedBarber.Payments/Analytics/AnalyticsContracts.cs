namespace BookedBarber.Payments.Analytics;

// Rates and percentages are percent values (98.4 = 98.4%); a rate is absent when there was nothing to measure.

/// <summary><c>GET /unified-payment-analytics/dashboard</c> response.</summary>
public sealed record DashboardResponse(
    DashboardToday Today,
    DashboardMonthToDate MonthToDate,
    OutstandingCommission OutstandingCommission,
    IReadOnlyList<DashboardTransaction> RecentTransactions,
    DateTimeOffset LastUpdated);

/// <summary>Today's activity across both payment routes.</summary>
public sealed record DashboardToday(
    int TotalTransactions,
    decimal TotalVolume,
    decimal TotalNetEarnings,
    decimal CentralizedVolume,
    decimal ExternalVolume,
    decimal CommissionActivity);

/// <summary>This month's activity so far.</summary>
public sealed record DashboardMonthToDate(
    int TotalTransactions,
    decimal TotalVolume,
    decimal TotalNetEarnings,
    decimal? SuccessRate,
    decimal? AverageTransaction);

/// <summary>Commission not yet collected; the next date is absent when nothing is scheduled.</summary>
public sealed record OutstandingCommission(
    int PendingCollections,
    decimal TotalAmount,
    DateTimeOffset? NextCollectionDate);

/// <summary>One recent payment, from either route.</summary>
public sealed record DashboardTransaction(
    long Id,
    decimal Amount,
    string PaymentType,
    string Processor,
    string Status,
    DateTimeOffset ProcessedAt);

/// <summary><c>GET /unified-payment-analytics/analytics</c> response.</summary>
public sealed record UnifiedAnalyticsResponse(
    string Period,
    AnalyticsDateRange DateRange,
    CentralizedPaymentsMetrics CentralizedPayments,
    DecentralizedPaymentsMetrics DecentralizedPayments,
    CommissionMetrics CommissionData,
    CombinedMetrics CombinedMetrics,
    TrendAnalysis? TrendAnalysis,
    ModeComparison ModeComparison,
    SixFigureProgress? SixFigureInsights,
    IReadOnlyList<string> Recommendations);

/// <summary>The period analysed, inclusive.</summary>
public sealed record AnalyticsDateRange(DateTimeOffset Start, DateTimeOffset End);

/// <summary>Payments through the platform (Stripe Connect).</summary>
public sealed record CentralizedPaymentsMetrics(
    int TotalTransactions,
    decimal TotalVolume,
    decimal NetEarnings,
    decimal? SuccessRate,
    decimal? AverageTransaction,
    decimal ProcessingFees,
    decimal CommissionDeducted);

/// <summary>Payments through the barber's own processors.</summary>
public sealed record DecentralizedPaymentsMetrics(
    int TotalTransactions,
    decimal TotalVolume,
    decimal? SuccessRate,
    decimal? AverageTransaction,
    decimal ExternalProcessorFees,
    decimal CommissionCollected);

/// <summary>Commission owed on external payments and how much of it was collected.</summary>
public sealed record CommissionMetrics(
    decimal TotalAmount,
    decimal AmountCollected,
    decimal AmountPending,
    decimal? SuccessRate,
    string CollectionFrequency);

/// <summary>Both routes together.</summary>
public sealed record CombinedMetrics(
    int TotalTransactions,
    decimal TotalVolume,
    decimal TotalNetEarnings,
    decimal TotalCommissionActivity,
    decimal? WeightedSuccessRate,
    decimal? EffectiveTakeRate);

/// <summary>Percent changes against the previous period; absent when there is no previous period to compare.</summary>
public sealed record TrendAnalysis(
    decimal? TotalVolumeTrend,
    decimal? TotalTransactionsTrend,
    decimal? NetEarningsTrend,
    decimal? SuccessRateTrend);

/// <summary>How the two routes compare and which mode suits the barber best.</summary>
public sealed record ModeComparison(
    decimal? CentralizedEfficiency,
    decimal? DecentralizedEfficiency,
    string OptimalMode,
    VolumeDistribution VolumeDistribution);

/// <summary>Share of volume per route, in percent.</summary>
public sealed record VolumeDistribution(
    decimal CentralizedPercentage,
    decimal DecentralizedPercentage);

/// <summary>Progress towards six-figure annual revenue, within the unified analytics.</summary>
public sealed record SixFigureProgress(
    decimal TargetAnnualRevenue,
    decimal TargetMonthlyRevenue,
    decimal CurrentMonthlyRevenue,
    decimal ProgressPercentage,
    decimal ProjectedAnnual,
    decimal GapToTarget,
    IReadOnlyList<string> Recommendations);

/// <summary><c>GET /unified-payment-analytics/revenue-optimization</c> response.</summary>
public sealed record RevenueOptimizationResponse(
    string CurrentMode,
    string OptimalMode,
    decimal PotentialMonthlyIncrease,
    SwitchingRoi SwitchingRoi,
    IReadOnlyList<OptimizationRecommendation> Recommendations,
    string AnalysisPeriod,
    decimal ConfidenceScore,
    ScenarioAnalysis ScenarioAnalysis);

/// <summary>What switching to the optimal mode costs and saves.</summary>
public sealed record SwitchingRoi(
    decimal InvestmentRequired,
    decimal MonthlySavings,
    decimal AnnualSavings,
    string PaybackPeriod);

/// <summary>One recommendation; it carries either potential savings or a potential increase.</summary>
public sealed record OptimizationRecommendation(
    string Type,
    string Recommendation,
    decimal? PotentialSavings,
    decimal? PotentialIncrease,
    string ImplementationDifficulty);

/// <summary>The barber's month under each payment mode.</summary>
public sealed record ScenarioAnalysis(
    RevenueScenario AllCentralized,
    RevenueScenario AllExternal,
    RevenueScenario CurrentHybrid);

/// <summary>A month under one mode; <c>commission_impact</c> only where commission is collected separately.</summary>
public sealed record RevenueScenario(
    decimal MonthlyRevenue,
    decimal MonthlyFees,
    decimal NetMonthly,
    decimal? CommissionImpact);

/// <summary><c>GET /unified-payment-analytics/six-figure-insights</c> response.</summary>
public sealed record SixFigureInsightsResponse(
    SixFigureProgramStatus ProgramStatus,
    SixFigureRevenueTracking RevenueTracking,
    SixFigureKeyMetrics KeyMetrics,
    IReadOnlyList<GrowthRecommendation> GrowthRecommendations,
    MilestoneTracking MilestoneTracking,
    PeerComparison PeerComparison);

/// <summary>The barber's enrolment in the Six Figure Barber program; tier, start and phase only when enrolled.</summary>
public sealed record SixFigureProgramStatus(
    bool Enrolled,
    string? Tier,
    DateTimeOffset? StartDate,
    string? CurrentPhase);

/// <summary>Revenue against the six-figure target; months to target absent when it cannot be projected.</summary>
public sealed record SixFigureRevenueTracking(
    decimal AnnualTarget,
    decimal CurrentAnnualPace,
    decimal MonthlyTarget,
    decimal CurrentMonthlyAverage,
    decimal ProgressPercentage,
    decimal? MonthsToTarget);

/// <summary>The methodology's key business metrics; absent when there is not enough data.</summary>
public sealed record SixFigureKeyMetrics(
    decimal? AverageClientValue,
    decimal? ClientRetentionRate,
    decimal? ServiceMixOptimization,
    decimal? PricingPowerIndex,
    decimal? OperationalEfficiency);

/// <summary>One growth recommendation with its estimated impact (e.g. "$285/month").</summary>
public sealed record GrowthRecommendation(
    string Category,
    string Recommendation,
    string Impact,
    string Difficulty,
    string Timeframe);

/// <summary>Milestones achieved; the next one is absent when all are achieved.</summary>
public sealed record MilestoneTracking(
    int MilestonesAchieved,
    int MilestonesTotal,
    NextMilestone? NextMilestone);

/// <summary>The next milestone; its estimated completion is a date ("2025-08-15"), absent when it cannot be projected.</summary>
public sealed record NextMilestone(
    string Name,
    decimal TargetValue,
    decimal CurrentValue,
    decimal Progress,
    DateOnly? EstimatedCompletion);

/// <summary>Percentiles among peers; absent when there are too few peers to compare.</summary>
public sealed record PeerComparison(
    decimal? RevenuePercentile,
    decimal? EfficiencyPercentile,
    decimal? GrowthRatePercentile,
    string? MarketPosition);
