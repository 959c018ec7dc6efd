using BookedBarber.DevHost;
using BookedBarber.Payments.Security;

var options = DevHostOptions.FromEnvironment();
if (args.Length > 0 && args[0] == "token")
{
    try
    {
        return TokenCommand.Run(args[1..], options, new ConfigurationBuilder().AddEnvironmentVariables().Build());
    }
    catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
    {
        Console.Error.WriteLine(ex.Message);
        Console.Error.WriteLine(TokenCommand.Usage);
        return 2;
    }
}

if (args.Length > 0 && args[0] == "simulate")
    return await OperatorCommand(() => SimulateCommand.RunAsync(args[1..], options, new ConfigurationBuilder().AddEnvironmentVariables().Build(), Console.Out), SimulateCommand.Usage);

if (args.Length > 1 && args[0] == "analytics" && args[1] == "rebuild")
    return await OperatorCommand(() => AnalyticsRebuildCommand.RunAsync(args[1..], options, new ConfigurationBuilder().AddEnvironmentVariables().Build(), Console.Out), AnalyticsRebuildCommand.Usage);

if (args.Length > 0 && args[0] == "collections")
    return await OperatorCommand(() => CollectionsCommand.RunAsync(args[1..], options, new ConfigurationBuilder().AddEnvironmentVariables().Build(), Console.Out), CollectionsCommand.Usage);

if (args.Length > 1 && args[0] == "analytics" && AnalyticsCheckCommand.Handles(args[1..]))
    return await OperatorCommand(() => AnalyticsCheckCommand.RunAsync(args[1..], options, new ConfigurationBuilder().AddEnvironmentVariables().Build(), Console.Out), AnalyticsCheckCommand.Usage);

if (args.Length > 0 && args[0] == "analytics")
{
    Console.Error.WriteLine(args.Length == 1 ? "Say what to do with analytics." : $"Unknown analytics command {args[1]}.");
    Console.Error.WriteLine(AnalyticsCheckCommand.Usage);
    Console.Error.WriteLine(AnalyticsRebuildCommand.Usage);
    return 2;
}

await using var host = await DevHostApp.StartAsync(options);
var demoToken = host.Services.GetRequiredService<TokenIssuer>().Issue(1, Roles.Barber);
Console.WriteLine($"""

    BookedBarber Payments dev host
      API:        {host.BaseUrl}
      Health:     {host.BaseUrl}/health
      Reference:  {host.BaseUrl}/docs/reference
      Demo token (barber 1, 24 h):
    {demoToken}

    More tokens: ./dev.sh token --sub 10 --role shop_owner   ·   Ctrl-C stops everything.
    """);
await host.WaitForShutdownAsync();
return 0;

// An operator's command against the running dev host: bad usage and unreachable hosts are exit code 2 with a message.
static async Task<int> OperatorCommand(Func<Task<int>> run, string usage)
{
    try
    {
        return await run();
    }
    catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or HttpRequestException)
    {
        Console.Error.WriteLine(ex.Message);
        if (ex is ArgumentException) Console.Error.WriteLine(usage);
        return 2;
    }
}
