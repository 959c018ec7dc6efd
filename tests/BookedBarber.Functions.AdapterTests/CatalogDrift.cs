using BookedBarber.Payments.Catalog;

namespace BookedBarber.Functions.AdapterTests;

/// <summary>
/// Every way the functions the worker SDK generated differ from the application's catalogs, one readable line each.
/// A function of (catalog, metadata), so tests can feed it altered metadata.
/// </summary>
public static class CatalogDrift
{
    public const string AnonymousLevel = "Anonymous";
    public const string StorageConnection = "AzureWebJobsStorage";

    public static IReadOnlyList<string> All(IReadOnlyList<GeneratedFunction> functions) =>
    [
        .. InFunctionNames(functions),
        .. InEndpoints(functions, AppCatalog.Endpoints),
        .. InQueues(functions, AppCatalog.Queues),
        .. InSchedules(functions, AppCatalog.Schedules),
    ];

    public static IEnumerable<string> InFunctionNames(IReadOnlyList<GeneratedFunction> functions)
    {
        foreach (var same in functions.GroupBy(f => f.Name).Where(g => g.Count() > 1))
            yield return $"Function name '{same.Key}' is generated {same.Count()} times: {string.Join(", ", same.Select(f => f.EntryPoint))}.";
        foreach (var function in functions.Where(f => f.TriggerType is not (GeneratedFunction.Http or GeneratedFunction.Queue or GeneratedFunction.Timer)))
            yield return $"Function '{function.Name}' ({function.EntryPoint}) is triggered by {function.TriggerType}; the catalog has HTTP, queue and timer functions only.";
    }

    public static IEnumerable<string> InEndpoints(IReadOnlyList<GeneratedFunction> functions, IReadOnlyList<EndpointEntry> endpoints)
    {
        var http = functions.Where(f => f.TriggerType == GeneratedFunction.Http).ToList();
        foreach (var endpoint in endpoints)
        {
            var function = http.FirstOrDefault(f => f.Name == endpoint.Name);
            if (function is null)
            {
                yield return $"Endpoint '{endpoint.Name}' ({endpoint.Method} {endpoint.Route}) has no HTTP function named '{endpoint.Name}'.";
                continue;
            }
            var at = $"HTTP function '{function.Name}' ({function.EntryPoint})";
            if (function.AuthLevel != AnonymousLevel)
                yield return $"{at} has authorization level {function.AuthLevel ?? "(none)"}; expected {AnonymousLevel} (the application checks tokens itself).";
            var expected = TriggerMethods(endpoint);
            if (!function.Methods.Select(m => m.ToLowerInvariant()).Order(StringComparer.Ordinal).SequenceEqual(expected))
                yield return $"{at} accepts [{string.Join(", ", function.Methods)}]; the catalog says {endpoint.Method}, so exactly [{string.Join(", ", expected)}].";
            if (function.Route != endpoint.Route)
                yield return $"{at} has route '{function.Route ?? "(none)"}'; the catalog says '{endpoint.Route}'.";
        }
        var names = endpoints.Select(e => e.Name).ToHashSet();
        foreach (var function in http.Where(f => !names.Contains(f.Name)))
            yield return $"HTTP function '{function.Name}' ({function.EntryPoint}) has no endpoint of that name in AppCatalog.Endpoints.";
    }

    /// <summary>
    /// The methods a trigger must list for a catalog entry, lower case and ordered: its one method, plus HEAD for a GET,
    /// because the Functions host never passes the app a method its trigger does not list (load balancers probe with HEAD).
    /// </summary>
    public static IReadOnlyList<string> TriggerMethods(EndpointEntry endpoint) =>
        string.Equals(endpoint.Method, "GET", StringComparison.OrdinalIgnoreCase) ? ["get", "head"] : [endpoint.Method.ToLowerInvariant()];

    public static IEnumerable<string> InQueues(IReadOnlyList<GeneratedFunction> functions, IReadOnlyList<QueueEntry> queues)
    {
        foreach (var queue in queues)
        {
            var name = FunctionNames.Of(queue);
            var function = functions.FirstOrDefault(f => f.Name == name);
            if (function is null)
            {
                yield return $"Queue '{queue.Name}' has no function named '{name}'.";
                continue;
            }
            var at = $"Queue function '{name}' ({function.EntryPoint})";
            if (function.TriggerType != GeneratedFunction.Queue)
                yield return $"{at} is triggered by {function.TriggerType}; expected {GeneratedFunction.Queue}.";
            else if (function.QueueName != queue.Name)
                yield return $"{at} listens on '{function.QueueName}'; the catalog says '{queue.Name}'.";
            if (function.TriggerType == GeneratedFunction.Queue && function.Connection != StorageConnection)
                yield return $"{at} has connection '{function.Connection ?? "(none)"}'; expected '{StorageConnection}'.";
        }
        var names = queues.Select(FunctionNames.Of).ToHashSet();
        foreach (var function in functions.Where(f => f.TriggerType == GeneratedFunction.Queue && !names.Contains(f.Name)))
            yield return $"Queue function '{function.Name}' ({function.EntryPoint}) on '{function.QueueName}' is named for no queue in AppCatalog.Queues.";
    }

    public static IEnumerable<string> InSchedules(IReadOnlyList<GeneratedFunction> functions, IReadOnlyList<ScheduleEntry> schedules)
    {
        foreach (var schedule in schedules)
        {
            var name = FunctionNames.Of(schedule);
            var expected = $"%{schedule.Setting}%";
            var function = functions.FirstOrDefault(f => f.Name == name);
            if (function is null)
            {
                yield return $"Schedule '{schedule.Name}' has no timer function named '{name}'.";
                continue;
            }
            var at = $"Timer function '{name}' ({function.EntryPoint})";
            if (function.TriggerType != GeneratedFunction.Timer)
                yield return $"{at} is triggered by {function.TriggerType}; expected {GeneratedFunction.Timer}.";
            else if (function.Schedule != expected)
                yield return $"{at} has schedule '{function.Schedule}'; expected '{expected}' (the schedule is an app setting).";
        }
        var names = schedules.Select(FunctionNames.Of).ToHashSet();
        foreach (var function in functions.Where(f => f.TriggerType == GeneratedFunction.Timer && !names.Contains(f.Name)))
            yield return $"Timer function '{function.Name}' ({function.EntryPoint}) on '{function.Schedule}' has no schedule of that name in AppCatalog.Schedules.";
    }
}
