namespace BookedBarber.Payments.Analytics.Rollups.Storage;

/// <summary>What one rebuild of a barber's rollups did: month rows written or deleted, days and ledger payments it read.</summary>
public sealed record RollupRebuild(int BarberId, int MonthsWritten, int Days, int Payments, long ElapsedMs);
