namespace BookedBarber.Functions.AdapterTests;

/// <summary>
/// One function as the worker SDK generated it into <c>functions.metadata</c> (what the Functions host indexes), with
/// its trigger binding flattened: HTTP (auth level, methods, route), queue (queue name, connection) or timer (schedule).
/// <see cref="TriggerType"/> is "(none)" when it has no trigger, or every trigger type joined when it has several.
/// </summary>
public sealed record GeneratedFunction(string Name, string EntryPoint, string TriggerType)
{
    public const string Http = "httpTrigger";
    public const string Queue = "queueTrigger";
    public const string Timer = "timerTrigger";

    public string? AuthLevel { get; init; }

    public IReadOnlyList<string> Methods { get; init; } = [];

    public string? Route { get; init; }

    public string? QueueName { get; init; }

    public string? Connection { get; init; }

    public string? Schedule { get; init; }
}
