namespace BookedBarber.Payments.Maintenance;

/// <summary>A housekeeping task for the maintenance queue.</summary>
public sealed record MaintenanceMessage(string Task, DateTimeOffset Before);
