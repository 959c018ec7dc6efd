using System.Text.RegularExpressions;
using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.RateLimiting;
using BookedBarber.Payments.Security;

namespace BookedBarber.Payments.UnitTests;

public sealed class AppCatalogTests
{
    /// <summary>Every operation of the API reference (seeds/001), method and path under /api/v1.</summary>
    public static readonly string[] ContractOperations =
    [
        "POST hybrid-payments/process", "POST hybrid-payments/route", "GET hybrid-payments/options/{barber_id}",
        "GET hybrid-payments/my-options", "GET hybrid-payments/routing-stats/{barber_id}", "POST hybrid-payments/test-routing",
        "GET external-payments/connections", "POST external-payments/connections", "GET external-payments/connections/{connection_id}",
        "PUT external-payments/connections/{connection_id}", "DELETE external-payments/connections/{connection_id}",
        "POST external-payments/connections/{connection_id}/sync", "GET external-payments/transactions",
        "GET external-payments/transactions/{transaction_id}", "GET platform-collections/my-collections",
        "GET platform-collections/collections/{collection_id}", "POST platform-collections/collections/{collection_id}/retry",
        "GET platform-collections/summary", "GET unified-payment-analytics/dashboard", "GET unified-payment-analytics/analytics",
        "GET unified-payment-analytics/revenue-optimization", "GET unified-payment-analytics/six-figure-insights",
        "POST webhooks/stripe/{connection_id}", "POST webhooks/square/{connection_id}",
    ];

    [Fact]
    public void Catalog_ServesEveryOperationOfTheApiReference()
    {
        var served = AppCatalog.Endpoints.Where(e => !e.Extension).Select(e => $"{e.Method} {e.Route}").ToHashSet();
        Assert.Equal(ContractOperations.Order(), served.Order());
    }

    [Fact]
    public void ContractList_AgreesWithTheApiReferenceDocument_WhenItIsBesideTheRepo()
    {
        var reference = FindReference();
        if (reference is null) return; // shared/ is not beside every clone; CI has it
        var documented = Regex.Matches(File.ReadAllText(reference), @"### \*\*(GET|POST|PUT|DELETE)\*\* `/([^`]+)`")
            .Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").ToHashSet();
        Assert.Equal(documented.Order(), ContractOperations.Order());
    }

    [Fact]
    public void NamesAndRoutes_AreUnique()
    {
        Assert.Equal(AppCatalog.Endpoints.Count, AppCatalog.Endpoints.Select(e => e.Name).Distinct().Count());
        Assert.Equal(AppCatalog.Endpoints.Count, AppCatalog.Endpoints.Select(e => $"{e.Method} {e.Route}").Distinct().Count());
        Assert.Equal(AppCatalog.Queues.Count, AppCatalog.Queues.Select(q => q.Name).Distinct().Count());
    }

    [Fact]
    public void Permissions_FollowTheReferencesTable()
    {
        string? PermissionOf(string operation) => AppCatalog.Endpoints.Single(e => $"{e.Method} {e.Route}" == operation).Permission;
        Assert.Equal(Permissions.PaymentWrite, PermissionOf("POST hybrid-payments/process"));
        Assert.Equal(Permissions.PaymentRead, PermissionOf("POST hybrid-payments/route"));
        Assert.Equal(Permissions.ConnectionWrite, PermissionOf("POST external-payments/connections"));
        Assert.Equal(Permissions.CollectionRead, PermissionOf("GET platform-collections/my-collections"));
        Assert.Equal(Permissions.AnalyticsRead, PermissionOf("GET unified-payment-analytics/dashboard"));
        Assert.Null(PermissionOf("POST webhooks/stripe/{connection_id}"));
        Assert.All(AppCatalog.Endpoints.Where(e => e.Route.StartsWith("internal/booking/", StringComparison.Ordinal) && e.Method == "PUT"),
            e => Assert.Equal(Permissions.AdminWrite, e.Permission));
    }

    [Fact]
    public void RateLimits_FollowTheReferencesTable()
    {
        Assert.Equal(100, RateLimitPolicy.DefaultLimit(RateLimitCategory.PaymentProcessing));
        Assert.Equal(1000, RateLimitPolicy.DefaultLimit(RateLimitCategory.PaymentRouting));
        Assert.Equal(50, RateLimitPolicy.DefaultLimit(RateLimitCategory.ConnectionManagement));
        Assert.Equal(500, RateLimitPolicy.DefaultLimit(RateLimitCategory.Analytics));
        Assert.Equal(10_000, RateLimitPolicy.DefaultLimit(RateLimitCategory.Webhooks));
        Assert.All(AppCatalog.Endpoints.Where(e => !e.Extension), e => Assert.NotEqual(RateLimitCategory.None, e.RateLimit));
        Assert.Equal(RateLimitCategory.PaymentProcessing, AppCatalog.Endpoints.Single(e => e.Name == "ProcessPayment").RateLimit);
    }

    [Fact]
    public void RolesDefaultPermissions_AdminHoldsAll_OwnersAllButAdmin()
    {
        Assert.Equal(Permissions.All.Order(), Permissions.ForRole(Roles.Admin).Order());
        foreach (var role in new[] { Roles.Barber, Roles.ShopOwner, Roles.EnterpriseOwner })
            Assert.Equal(Permissions.All.Where(p => p != Permissions.AdminWrite).Order(), Permissions.ForRole(role).Order());
    }

    [Fact]
    public void Schedules_AreSixFieldNcrontab_AndHandlersAreTheRightKinds()
    {
        foreach (var schedule in AppCatalog.Schedules)
        {
            Assert.Equal(6, schedule.DefaultSchedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            NCrontab.CrontabSchedule.Parse(schedule.DefaultSchedule, new NCrontab.CrontabSchedule.ParseOptions { IncludingSeconds = true });
            Assert.True(typeof(Queues.IScheduledJob).IsAssignableFrom(schedule.JobType));
        }
        Assert.All(AppCatalog.Queues, q => Assert.True(typeof(Queues.IQueueHandler).IsAssignableFrom(q.HandlerType)));
        Assert.All(AppCatalog.Queues, q => Assert.Matches("^[a-z0-9]([a-z0-9]|-(?!-))*$", q.Name));
    }

    private static string? FindReference()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "seeds", "001_08fcbccfdbfe77d3.txt");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
