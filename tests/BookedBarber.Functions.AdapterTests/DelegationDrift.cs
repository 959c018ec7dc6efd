using BookedBarber.Payments.Catalog;

namespace BookedBarber.Functions.AdapterTests;

/// <summary>
/// Each function body delegates to the catalog entry of its own name: <c>InvokeAsync("X", ...)</c> in
/// <c>[Function("X")]</c>, <c>RunJobAsync</c> of the schedule, a <c>QueueDelivery</c> of the queue the function is named for.
/// The one check functions.metadata cannot make (it holds triggers, not bodies).
/// </summary>
public static class DelegationDrift
{
    public static IEnumerable<string> All(IReadOnlyList<FunctionBody> bodies) =>
        Of(bodies, AppCatalog.Endpoints, AppCatalog.Queues, AppCatalog.Schedules);

    public static IEnumerable<string> Of(IReadOnlyList<FunctionBody> bodies, IReadOnlyList<EndpointEntry> endpoints,
        IReadOnlyList<QueueEntry> queues, IReadOnlyList<ScheduleEntry> schedules)
    {
        foreach (var body in bodies)
        {
            var at = $"Function '{body.Name}' ({body.Location})";
            if (Expected(body.Name, endpoints, queues, schedules) is not (var invoked, var jobs, var delivered))
            {
                yield return $"{at} is named for no endpoint, queue or schedule in AppCatalog.";
                continue;
            }
            if (!body.InvokedEndpoints.SequenceEqual(invoked))
                yield return $"{at} calls InvokeAsync with [{string.Join(", ", body.InvokedEndpoints)}]; expected [{string.Join(", ", invoked)}].";
            if (!body.Jobs.SequenceEqual(jobs))
                yield return $"{at} calls RunJobAsync with [{string.Join(", ", body.Jobs)}]; expected [{string.Join(", ", jobs)}].";
            if (!body.DeliveredQueues.SequenceEqual(delivered))
                yield return $"{at} hands on QueueDelivery for [{string.Join(", ", body.DeliveredQueues)}]; expected [{string.Join(", ", delivered)}].";
        }
    }

    private static (string[] Invoked, string[] Jobs, string[] Delivered)? Expected(string name, IReadOnlyList<EndpointEntry> endpoints,
        IReadOnlyList<QueueEntry> queues, IReadOnlyList<ScheduleEntry> schedules)
    {
        if (endpoints.Any(e => e.Name == name)) return ([name], [], []);
        if (schedules.FirstOrDefault(s => FunctionNames.Of(s) == name) is { } schedule) return ([], [schedule.Name], []);
        if (queues.FirstOrDefault(q => FunctionNames.Of(q) == name) is { } queue) return ([], [], [queue.Name]);
        return null;
    }
}
