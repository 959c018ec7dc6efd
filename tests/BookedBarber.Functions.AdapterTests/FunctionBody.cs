namespace BookedBarber.Functions.AdapterTests;

/// <summary>
/// What a <c>[Function("Name")]</c> method's body hands on to the application: the endpoint names passed to
/// <c>InvokeAsync</c>, the jobs passed to <c>RunJobAsync</c> and the queue names of the <c>QueueDelivery</c> it builds.
/// Values that are not string literals read as <c>&lt;expression&gt;</c>.
/// </summary>
public sealed record FunctionBody(
    string Name,
    string Location,
    IReadOnlyList<string> InvokedEndpoints,
    IReadOnlyList<string> Jobs,
    IReadOnlyList<string> DeliveredQueues);
