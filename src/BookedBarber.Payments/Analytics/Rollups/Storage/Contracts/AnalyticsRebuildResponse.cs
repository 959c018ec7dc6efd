namespace BookedBarber.Payments.Analytics.Rollups.Storage;

/// <summary>What a rebuild did: month rows written or deleted, local days with rollups, ledger payments read, time taken.</summary>
public sealed record AnalyticsRebuildResponse(int BarberId, int MonthsWritten, int Days, int Payments, long ElapsedMs);
