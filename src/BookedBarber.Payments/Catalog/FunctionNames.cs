namespace BookedBarber.Payments.Catalog;

/// <summary>
/// The names the Functions app gives the catalog's non-HTTP functions (<c>[Function("...")]</c>), said once: a timer
/// is named for its schedule, a queue function for its queue (<c>payment-reconciliation</c> →
/// <c>PaymentReconciliationQueue</c>). The adapter tests hold the Functions app to them; the dev host's admin call
/// (<c>POST /admin/functions/{name}</c>) finds functions by them.
/// </summary>
public static class FunctionNames
{
    public static string Of(ScheduleEntry schedule) => schedule.Name;

    public static string Of(QueueEntry queue) =>
        string.Concat(queue.Name.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(word => char.ToUpperInvariant(word[0]) + word[1..])) + "Queue";
}
