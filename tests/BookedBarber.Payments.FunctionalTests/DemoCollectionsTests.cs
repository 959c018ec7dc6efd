using System.Text.Json;
using BookedBarber.DevHost;
using BookedBarber.Payments.Collections;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>./dev.sh's six weeks of barber 1's commission collections, built and charged by the real code against the simulators.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DemoCollectionsTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task TheDemoWorld_HasCollectionsInEveryState_AFailedOneRetryable_AndNoInvariantViolated()
    {
        await using var host = await ApiHost.StartAsync(azurite, seedHistory: true);
        var barber = host.BarberToken(DemoCollections.BarberId);

        var list = await ApiAssert.Json(await host.GetAsync("platform-collections/my-collections?limit=50", barber), 200);
        output.WriteLine(list.ToString());
        var collections = list.GetProperty("collections").EnumerateArray().ToList();
        string Status(JsonElement c) => c.GetProperty("status").GetString()!;
        Assert.Equal(7, collections.Count);
        // Newest first: pending (this week), due twice (auto-collection off), failed, then three collected weeks.
        Assert.Equal(["pending", "due", "due", "failed", "collected", "collected", "collected"], collections.Select(Status));

        var failed = collections.Single(c => Status(c) == "failed");
        Assert.Contains("balance", failed.GetProperty("failed_reason").GetString(), StringComparison.OrdinalIgnoreCase);
        var failedId = failed.GetProperty("id").GetInt64();
        var detail = await ApiAssert.Json(await host.GetAsync($"platform-collections/collections/{failedId}", barber), 200);
        Assert.True(detail.GetProperty("needs_operator").GetBoolean(), "dunning is used up: it waits for an operator");
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("next_retry_at").ValueKind);

        // The refund after the first week was collected is credited on the next one.
        var creditedWeek = collections[^2];
        Assert.True(creditedWeek.GetProperty("credit_amount").GetDecimal() > 0m, "the week after the refund carries a credit");
        var credited = await ApiAssert.Json(await host.GetAsync($"platform-collections/collections/{creditedWeek.GetProperty("id").GetInt64()}", barber), 200);
        Assert.Equal(collections[^1].GetProperty("id").GetInt64(), credited.GetProperty("credits")[0].GetProperty("from_collection_id").GetInt64());

        // The open pool: the payment taken at the chair since the last cutoff is in no collection.
        var claimed = collections.SelectMany(c => c.GetProperty("external_transaction_ids").EnumerateArray().Select(e => e.GetString())).ToHashSet();
        var open = 0;
        await foreach (var t in host.Services.GetRequiredService<ExternalTransactions.ExternalTransactionStore>().QueryAsync(1, null, null, default))
            if (CommissionCalculator.Bears(t) && !claimed.Contains(t.ExternalTransactionId)) open++;
        Assert.True(open >= 1, "something is still open");

        var check = await ApiAssert.Json(await host.GetAsync("internal/collections/check", host.AdminToken()), 200);
        output.WriteLine(check.ToString());
        Assert.Empty(check.GetProperty("violations").EnumerateArray());

        // The README's retry: top the Connect account up, retry, and the queue charges it.
        host.Simulators.Stripe.SetAvailableBalance(DemoCollections.ConnectAccount, 100_000);
        var retry = await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, $"platform-collections/collections/{failedId}/retry", barber,
            """{"retry_reason": "Topped up the Connect balance"}"""), 200);
        Assert.Equal("processing", retry.GetProperty("new_status").GetString());
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        string? status = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            status = (await ApiAssert.Json(await host.GetAsync($"platform-collections/collections/{failedId}", barber), 200)).GetProperty("status").GetString();
            if (status == "collected") break;
            await Task.Delay(200);
        }
        Assert.Equal("collected", status);

        // Seeding again adds nothing.
        await DemoCollections.SeedAsync(host.Services, host.Simulators, default);
        var again = await ApiAssert.Json(await host.GetAsync("platform-collections/my-collections?limit=50", barber), 200);
        Assert.Equal(7, again.GetProperty("collections").GetArrayLength());
    }
}
