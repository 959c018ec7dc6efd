using BookedBarber.Payments.Catalog;

namespace BookedBarber.Functions.AdapterTests;

/// <summary>Every way the Functions app's triggers differ from the application's catalogs, one readable line each.</summary>
public static class CatalogDrift
{
    public const string AnonymousLevel = "AuthorizationLevel.Anonymous";
    public const string StorageConnection = "AzureWebJobsStorage";

    public static IReadOnlyList<string> All(IReadOnlyList<FunctionBinding> functions) =>
    [
        .. InFunctionNames(functions),
        .. InEndpoints(functions, AppCatalog.Endpoints),
        .. InQueues(functions, AppCatalog.Queues),
        .. InSchedules(functions, AppCatalog.Schedules),
    ];

    public static IEnumerable<string> InFunctionNames(IReadOnlyList<FunctionBinding> functions)
    {
        foreach (var same in functions.GroupBy(f => f.Name).Where(g => g.Count() > 1))
            yield return $"Function name '{same.Key}' is declared {same.Count()} times: {string.Join(", ", same.Select(f => f.Location))}.";
        foreach (var function in functions.OfType<UntriggeredFunction>())
            yield return $"Function '{function.Name}' ({function.Location}) has no HttpTrigger, QueueTrigger or TimerTrigger parameter.";
    }

    public static IEnumerable<string> InEndpoints(IReadOnlyList<FunctionBinding> functions, IReadOnlyList<EndpointEntry> endpoints)
    {
        var http = functions.OfType<HttpFunction>().ToList();
        foreach (var endpoint in endpoints)
        {
            var function = http.FirstOrDefault(f => f.Name == endpoint.Name);
            if (function is null)
            {
                yield return $"Endpoint '{endpoint.Name}' ({endpoint.Method} {endpoint.Route}) has no HTTP function named '{endpoint.Name}'.";
                continue;
            }
            var at = $"HTTP function '{function.Name}' ({function.Location})";
            if (function.AuthLevel != AnonymousLevel)
                yield return $"{at} has authorization level {function.AuthLevel}; expected {AnonymousLevel} (the application checks tokens itself).";
            if (function.Methods.Count != 1 || !string.Equals(function.Methods[0], endpoint.Method, StringComparison.OrdinalIgnoreCase))
                yield return $"{at} accepts [{string.Join(", ", function.Methods)}]; the catalog says {endpoint.Method} only.";
            if (function.Route != endpoint.Route)
                yield return $"{at} has Route '{function.Route ?? "(none)"}'; the catalog says '{endpoint.Route}'.";
            if (function.InvokedEndpoints is not [var invoked] || invoked != endpoint.Name)
                yield return $"{at} calls InvokeAsync with [{string.Join(", ", function.InvokedEndpoints)}]; expected exactly InvokeAsync(\"{endpoint.Name}\", ...).";
        }
        var names = endpoints.Select(e => e.Name).ToHashSet();
        foreach (var function in http.Where(f => !names.Contains(f.Name)))
            yield return $"HTTP function '{function.Name}' ({function.Location}) has no endpoint of that name in AppCatalog.Endpoints.";
    }

    public static IEnumerable<string> InQueues(IReadOnlyList<FunctionBinding> functions, IReadOnlyList<QueueEntry> queues)
    {
        var triggered = functions.OfType<QueueFunction>().ToList();
        foreach (var queue in queues)
        {
            var count = triggered.Count(f => f.Queue == queue.Name);
            if (count != 1) yield return $"Queue '{queue.Name}' has {count} queue functions; expected exactly one.";
        }
        var names = queues.Select(q => q.Name).ToHashSet();
        foreach (var function in triggered)
        {
            var at = $"Queue function '{function.Name}' ({function.Location})";
            if (!names.Contains(function.Queue))
                yield return $"{at} listens on '{function.Queue}', which is not in AppCatalog.Queues.";
            if (function.Connection != StorageConnection)
                yield return $"{at} has Connection '{function.Connection ?? "(none)"}'; expected '{StorageConnection}'.";
            if (function.DeliveredQueues is not [var delivered] || delivered != function.Queue)
                yield return $"{at} hands on deliveries for [{string.Join(", ", function.DeliveredQueues)}]; expected exactly one new QueueDelivery(\"{function.Queue}\", ...).";
        }
    }

    public static IEnumerable<string> InSchedules(IReadOnlyList<FunctionBinding> functions, IReadOnlyList<ScheduleEntry> schedules)
    {
        var timers = functions.OfType<TimerFunction>().ToList();
        foreach (var schedule in schedules)
        {
            var expected = $"%{schedule.Setting}%";
            var bound = timers.Where(f => f.Schedule == expected).ToList();
            if (bound.Count != 1)
            {
                yield return $"Schedule '{schedule.Name}' has {bound.Count} timer functions on '{expected}'; expected exactly one.";
                continue;
            }
            if (bound[0].Jobs is not [var job] || job != schedule.Name)
                yield return $"Timer function '{bound[0].Name}' ({bound[0].Location}) runs [{string.Join(", ", bound[0].Jobs)}]; expected exactly RunJobAsync(\"{schedule.Name}\", ...).";
        }
        var settings = schedules.Select(s => $"%{s.Setting}%").ToHashSet();
        foreach (var function in timers.Where(f => !settings.Contains(f.Schedule)))
            yield return $"Timer function '{function.Name}' ({function.Location}) has schedule '{function.Schedule}'; expected one of {string.Join(", ", settings)} from AppCatalog.Schedules.";
    }
}
