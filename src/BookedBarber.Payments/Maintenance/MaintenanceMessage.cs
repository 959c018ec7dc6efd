using BookedBarber.Payments.Http;
using BookedBarber.Payments.Queues;
using BookedBarber.Payments.RateLimiting;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments.Maintenance;

/// <summary>A housekeeping task for the maintenance queue.</summary>
public sealed record MaintenanceMessage(string Task, DateTimeOffset Before);
