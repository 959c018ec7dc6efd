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
{
    try
    {
        return await SimulateCommand.RunAsync(args[1..], options, new ConfigurationBuilder().AddEnvironmentVariables().Build(), Console.Out);
    }
    catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or HttpRequestException)
    {
        Console.Error.WriteLine(ex.Message);
        if (ex is ArgumentException) Console.Error.WriteLine(SimulateCommand.Usage);
        return 2;
    }
}

if (args.Length > 1 && args[0] == "analytics" && args[1] == "rebuild")
{
    try
    {
        return await AnalyticsRebuildCommand.RunAsync(args[1..], options, new ConfigurationBuilder().AddEnvironmentVariables().Build(), Console.Out);
    }
    catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or HttpRequestException)
    {
        Console.Error.WriteLine(ex.Message);
        if (ex is ArgumentException) Console.Error.WriteLine(AnalyticsRebuildCommand.Usage);
        return 2;
    }
}

if (args.Length > 0 && args[0] == "collections")
{
    try
    {
        return await CollectionsCommand.RunAsync(args[1..], options, new ConfigurationBuilder().AddEnvironmentVariables().Build(), Console.Out);
    }
    catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or HttpRequestException)
    {
        Console.Error.WriteLine(ex.Message);
        if (ex is ArgumentException) Console.Error.WriteLine(CollectionsCommand.Usage);
        return 2;
    }
}

if (args.Length > 1 && args[0] == "analytics" && AnalyticsCheckCommand.Handles(args[1..]))
{
    try
    {
        return await AnalyticsCheckCommand.RunAsync(args[1..], options, new ConfigurationBuilder().AddEnvironmentVariables().Build(), Console.Out);
    }
    catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or HttpRequestException)
    {
        Console.Error.WriteLine(ex.Message);
        if (ex is ArgumentException) Console.Error.WriteLine(AnalyticsCheckCommand.Usage);
        return 2;
    }
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
