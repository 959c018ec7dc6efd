using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.Queues;
using NCrontab;

namespace BookedBarber.DevHost;

/// <summary>Runs the catalog's timers on the same six-field NCRONTAB expressions (from the same settings) as the timer functions.</summary>
public sealed class Scheduler(QueueDispatcher dispatcher, IConfiguration configuration, TimeProvider clock, ILogger<Scheduler> logger)
    : BackgroundService
{
    public static CrontabSchedule ScheduleFor(ScheduleEntry entry, IConfiguration configuration) =>
        CrontabSchedule.Parse(configuration[entry.Setting] is { Length: > 0 } configured ? configured : entry.DefaultSchedule,
            new CrontabSchedule.ParseOptions { IncludingSeconds = true });

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(AppCatalog.Schedules.Select(s => RunAsync(s, ScheduleFor(s, configuration), stoppingToken)));

    private async Task RunAsync(ScheduleEntry entry, CrontabSchedule schedule, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            try
            {
                await Task.Delay(next - now, clock, stoppingToken);
                await dispatcher.RunJobAsync(entry.Name, stoppingToken);
                logger.LogInformation("Timer {Schedule} ran at {Time}", entry.Name, next);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Timer {Schedule} failed", entry.Name);
            }
        }
    }
}
