using System.Globalization;
using System.Runtime.InteropServices;
using BookedBarber.Bench;
using BookedBarber.DevHost;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Security;

const string Usage = """
    usage: ./bench.sh [--duration SECONDS] [--requests N] [--warmup N] [--concurrency 1,16] [--filter TEXT] [--barbers N] [--devhost-dll PATH]
      --duration     longest time per scenario and concurrency (default 3)
      --requests     most requests per scenario and concurrency (default 5000)
      --warmup       requests before each measurement, not counted (default 50)
      --filter       only HTTP scenarios whose name contains TEXT (raw Table baselines always run)
      --barbers      barbers of the "collection run" scenario (default 10000, 20 transactions each)
    Payment scenarios pay appointments created beforehand (untimed), at most 600 per concurrency level.
    Prints a table, the issue's latency goals (PASS/MISS, informational) and the same-key storm (50 concurrent
    process calls, one Idempotency-Key), and writes .bench/results.json; exits 1 when a scenario saw an
    unexpected status or the storm did not charge exactly once.
    """;

if (args is ["-h" or "--help", ..]) { Console.WriteLine(Usage); return 0; }

LoadSettings settings;
string? filter;
int barbers;
var devHostDll = DevHostProcess.DefaultDll();
try
{
    (settings, filter, barbers, devHostDll) = ParseArgs(args, devHostDll);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
var cancellationToken = stop.Token;

var dataDirectory = Directory.CreateTempSubdirectory("bookedbarber-bench-").FullName;
AzuriteProcess? azurite = null;
DevHostProcess? host = null;
try
{
    Console.Error.WriteLine("bench: starting Azurite (in memory) and the dev host…");
    azurite = await AzuriteProcess.StartAsync(null, cancellationToken);
    var signingKey = Convert.ToBase64String(TokenIssuer.NewSigningKey());
    host = DevHostProcess.Start(devHostDll, azurite.ConnectionString, signingKey, dataDirectory);

    var issuer = new TokenIssuer(new AuthSettings(PaymentsSettings.DefaultIssuer, PaymentsSettings.DefaultAudience, Convert.FromBase64String(signingKey), null), TimeProvider.System);
    var tokens = new BenchTokens(issuer.Issue(1, Roles.Barber), issuer.Issue(2, Roles.Barber), issuer.Issue(DemoWorld.AdminId, Roles.Admin));

    using var client = new HttpClient(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 256,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseCookies = false,
    })
    {
        BaseAddress = new Uri(host.BaseUrl + "/"),
        Timeout = TimeSpan.FromSeconds(30),
    };

    // /health answers before the dev host has seeded the demo world; the last seeded appointment shows it is there.
    await host.WaitUntilReadyAsync(client, async () =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "internal/booking/appointments/50");
        request.Headers.Authorization = new("Bearer", tokens.Admin);
        using var response = await client.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode;
    }, TimeSpan.FromSeconds(90), cancellationToken);
    Console.Error.WriteLine($"bench: dev host ready at {host.BaseUrl}");

    bool Selected(string name) => filter is null || name.Contains(filter, StringComparison.OrdinalIgnoreCase);
    int? webhookConnection = Selected(WebhookBench.Accept)
        ? await WebhookBench.ConnectAsync(azurite.ConnectionString, signingKey, dataDirectory, cancellationToken)
        : null;
    var scenarios = Scenarios.All(tokens, settings, webhookConnection).Where(s => Selected(s.Name)).ToList();
    var runStorm = Selected(SameKeyStorm.Name);

    // Untimed setup: every appointment a payment scenario (or the storm) will pay, created fresh as admin.
    var pools = scenarios.Select(s => s.Pool).OfType<AppointmentPool>().ToList();
    if (runStorm) pools.Add(Scenarios.StormAppointment);
    if (pools.Count > 0)
    {
        var setupClock = System.Diagnostics.Stopwatch.StartNew();
        var created = await CreateAppointmentsAsync(client, tokens.Admin, pools, cancellationToken);
        Console.Error.WriteLine($"bench: created {created} appointments to pay in {setupClock.Elapsed.TotalSeconds:0.0} s (not timed)");
    }

    if (scenarios.Any(s => s.Name == Scenarios.TransactionsList))
    {
        await TransactionsSeed.SeedAsync(azurite.ConnectionString, cancellationToken);
        Console.Error.WriteLine($"bench: stored {TransactionsSeed.Count} external transactions of barber {TransactionsSeed.BarberId} (not timed)");
    }

    if (scenarios.Any(s => s.Name == Scenarios.MyCollections))
    {
        await CollectionsSeed.SeedAsync(azurite.ConnectionString, cancellationToken);
        Console.Error.WriteLine($"bench: stored {CollectionsSeed.Count} collections of barber {CollectionsSeed.BarberId} (not timed)");
    }

    AnalyticsRebuildResult? analyticsRebuild = null;
    if (AnalyticsBench.Selects(scenarios))
    {
        Console.Error.WriteLine($"bench: seeding barber {AnalyticsSeed.BarberId}'s {AnalyticsSeed.Payments:N0} payments, then rebuilding their rollups (timed)");
        analyticsRebuild = await AnalyticsBench.SetUpAsync(host.BaseUrl, tokens.Admin, azurite.ConnectionString, cancellationToken);
        Console.Error.WriteLine($"bench: {analyticsRebuild.Line()}");
    }

    var raw = await RawTable.CreateAsync(azurite.ConnectionString, cancellationToken);
    var operations = new List<(string Name, Func<CancellationToken, Task<string?>> Run, int? MaxRequests)>
    {
        (RawTable.PointRead, raw.ReadAsync, null),
        (RawTable.Insert, raw.InsertAsync, null),
    };
    if (scenarios.Any(s => s.Name == Scenarios.ProcessStripe || s.Name == Scenarios.ProcessSquare))
        operations.Add((RawTable.PaymentStorage, raw.PaymentStorageAsync, null));
    foreach (var scenario in scenarios)
        operations.Add((scenario.Name, HttpOperation(client, scenario), scenario.MaxRequests));

    var measurements = new List<Measurement>();
    foreach (var (name, run, maxRequests) in operations)
    {
        // A scenario paying pre-created appointments issues no more requests than its pool holds per level.
        var scenarioSettings = maxRequests is { } max ? settings with { Requests = Math.Min(settings.Requests, max) } : settings;
        foreach (var concurrency in settings.Concurrency)
        {
            Console.Error.WriteLine($"bench: {name} @ {concurrency}");
            measurements.Add(await LoadRunner.MeasureAsync(name, run, concurrency, scenarioSettings, cancellationToken));
        }
    }

    StormResult? storm = null;
    if (runStorm)
    {
        Console.Error.WriteLine($"bench: {SameKeyStorm.Name} ({SameKeyStorm.Requests} concurrent, one key)");
        storm = await SameKeyStorm.RunAsync(client, tokens.Barber2, Scenarios.StormAppointment, cancellationToken);
    }

    SyncBenchResult? sync = null;
    if (Selected(SyncBench.Name))
    {
        Console.Error.WriteLine($"bench: {SyncBench.Name} (adding the payments to the simulator is not timed)");
        sync = await SyncBench.RunAsync(azurite.ConnectionString, dataDirectory, cancellationToken);
    }

    CollectionRunResult? collectionRun = null;
    if (Selected(CollectionRunBench.Name))
    {
        Console.Error.WriteLine($"bench: {CollectionRunBench.Name} ({barbers} barbers; seeding them is not timed)");
        collectionRun = await CollectionRunBench.RunAsync(azurite.ConnectionString, dataDirectory, barbers, cancellationToken);
    }

    var results = Report.WithRatios(measurements);
    var goals = Report.Goals(results);
    Console.WriteLine();
    Console.WriteLine(Report.Table(results));
    foreach (var goal in goals) Console.WriteLine(goal.Line());
    if (storm is not null) Console.WriteLine(storm.Line());
    if (sync is not null)
    {
        Console.WriteLine(sync.Line());
        Console.WriteLine(sync.GoalLine());
    }
    if (collectionRun is not null)
    {
        Console.WriteLine(collectionRun.Line());
        Console.WriteLine(collectionRun.GoalLine());
    }
    if (analyticsRebuild is not null)
    {
        Console.WriteLine(analyticsRebuild.Line());
        Console.WriteLine(analyticsRebuild.GoalLine());
    }
    Console.WriteLine();
    var json = Path.Combine(RepoPaths.Root, ".bench", "results.json");
    await Report.WriteJsonAsync(json, settings, results, goals, storm, sync, collectionRun, analyticsRebuild);
    Console.WriteLine($"Written to {Path.GetRelativePath(RepoPaths.Root, json)}.");
    var failed = false;
    if (results.Any(m => m.Errors > 0))
    {
        Console.Error.WriteLine("bench: unexpected statuses.");
        failed = true;
    }
    if (sync is { Correct: false })
    {
        Console.Error.WriteLine("bench: the sync scenario did not store every payment exactly once.");
        failed = true;
    }
    if (collectionRun is { Correct: false })
    {
        Console.Error.WriteLine("bench: the collection run did not leave every barber one pending collection of all their transactions.");
        failed = true;
    }
    if (analyticsRebuild is { Correct: false })
    {
        Console.Error.WriteLine("bench: the analytics rebuild wrote no month, or a second rebuild over the same ledger wrote again.");
        failed = true;
    }
    if (storm is { Passed: false })
    {
        Console.Error.WriteLine("bench: the same-key storm did not end in exactly one charge.");
        failed = true;
    }
    if (!failed) return 0;
    Console.Error.WriteLine($"bench: the dev host's last output:\n{host.Output(lines: 40)}");
    return 1;
}
catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
{
    Console.Error.WriteLine("bench: interrupted");
    return 130;
}
catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException)
{
    Console.Error.WriteLine($"bench: {ex.Message}");
    return 1;
}
finally
{
    if (host is not null) await host.DisposeAsync();
    if (azurite is not null) await azurite.DisposeAsync();
    try { Directory.Delete(dataDirectory, recursive: true); }
    catch (IOException) { /* Best effort: it is a temp directory. */ }
}

void Cancel(PosixSignalContext context)
{
    // Let the finally block stop the child processes instead of dying with them still running.
    context.Cancel = true;
    stop.Cancel();
}

// PUTs each pool's appointments, 16 at a time; any answer but 200/201 stops the bench.
static async Task<int> CreateAppointmentsAsync(HttpClient client, string adminToken, IReadOnlyList<AppointmentPool> pools, CancellationToken cancellationToken)
{
    var work = pools.SelectMany(pool => pool.Ids.Select(id => (pool, id))).ToList();
    await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (item, ct) =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"internal/booking/appointments/{item.id}")
        {
            Content = Scenario.Json(item.pool.AppointmentJson(item.id)),
        };
        request.Headers.Authorization = new("Bearer", adminToken);
        using var response = await client.SendAsync(request, ct);
        if ((int)response.StatusCode is not (200 or 201))
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new InvalidOperationException($"creating appointment {item.id} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        }
    });
    return work.Count;
}

static Func<CancellationToken, Task<string?>> HttpOperation(HttpClient client, Scenario scenario)
{
    var sequence = 0L;
    return async cancellationToken =>
    {
        using var request = scenario.CreateRequest(Interlocked.Increment(ref sequence));
        using var response = await client.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        if (status == scenario.ExpectedStatus) return null;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return $"{status} (expected {scenario.ExpectedStatus}): {body[..Math.Min(body.Length, 300)]}";
    };
}

static (LoadSettings, string?, int, string) ParseArgs(string[] args, string devHostDll)
{
    var (duration, requests, warmup, barbers) = (TimeSpan.FromSeconds(3), 5000, 50, CollectionRunBench.Barbers);
    int[] concurrency = [1, 16];
    string? filter = null;
    for (var i = 0; i < args.Length; i++)
    {
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        switch (args[i])
        {
            case "--duration": duration = TimeSpan.FromSeconds(Positive(double.Parse(Next(), CultureInfo.InvariantCulture), "--duration")); break;
            case "--requests": requests = (int)Positive(int.Parse(Next(), CultureInfo.InvariantCulture), "--requests"); break;
            case "--warmup": warmup = int.Parse(Next(), CultureInfo.InvariantCulture) is >= 0 and var w ? w : throw new ArgumentException("--warmup must be 0 or more."); break;
            case "--concurrency": concurrency = Next().Split(',').Select(c => (int)Positive(int.Parse(c, CultureInfo.InvariantCulture), "--concurrency")).ToArray(); break;
            case "--filter": filter = Next(); break;
            case "--barbers": barbers = (int)Positive(int.Parse(Next(), CultureInfo.InvariantCulture), "--barbers"); break;
            case "--devhost-dll": devHostDll = Path.GetFullPath(Next()); break;
            default: throw new ArgumentException($"Unknown option {args[i]}.");
        }
    }
    return (new LoadSettings(duration, requests, warmup, concurrency), filter, barbers, devHostDll);
}

static double Positive(double value, string option) => value > 0 ? value : throw new ArgumentException($"{option} must be positive.");
