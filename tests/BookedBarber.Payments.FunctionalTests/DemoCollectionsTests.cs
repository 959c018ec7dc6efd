using System.Text.Json;
using BookedBarber.DevHost;
using BookedBarber.Payments.Collections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>./dev.sh's six weeks of barber 1's commission collections, built and charged by the real code against the simulators.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DemoCollectionsTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task TheDemoWorld_HasCollectionsInEveryState_SurvivesARestart_AndItsFailedOneIsRetryable()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        long failedId;
        await using (var host = await ApiHost.StartAsync(azurite, seedHistory: true, prefix: prefix))
        {
            var barber = host.BarberToken(DemoCollections.BarberId);
            var collections = await ListAsync(host, barber);
            // Newest first: pending (this week's, built now), due twice (auto-collection off), failed, then three collected weeks.
            Assert.Equal(["pending", "due", "due", "failed", "collected", "collected", "collected"], collections.Select(Status));
            Assert.All(collections, c => Assert.True(c.GetProperty("amount").GetDecimal() >= 25.00m, "each is at least the minimum"));

            var failed = collections.Single(c => Status(c) == "failed");
            var onlyFailed = await ApiAssert.Json(await host.GetAsync("platform-collections/my-collections?status=failed", barber), 200);
            Assert.Equal(failed.GetProperty("id").GetInt64(), Assert.Single(onlyFailed.GetProperty("collections").EnumerateArray()).GetProperty("id").GetInt64());
            failedId = failed.GetProperty("id").GetInt64();
            Assert.Equal(4, failedId); // the README's curl names it (a fresh data directory)
            Assert.Contains("Insufficient funds", failed.GetProperty("failed_reason").GetString());
            var detail = await ApiAssert.Json(await host.GetAsync($"platform-collections/collections/{failedId}", barber), 200);
            Assert.True(detail.GetProperty("needs_operator").GetBoolean(), "dunning is used up: it waits for a retry");
            Assert.Equal(JsonValueKind.Null, detail.GetProperty("next_retry_at").ValueKind);
            Assert.Equal(4, detail.GetProperty("retry_attempt").GetInt32()); // the first attempt and the three dunning retries

            // The refund after the first week was collected is credited on the next week's collection.
            var credited = await ApiAssert.Json(await host.GetAsync($"platform-collections/collections/{collections[^2].GetProperty("id").GetInt64()}", barber), 200);
            Assert.True(credited.GetProperty("credit_amount").GetDecimal() > 0m, "the week after the refund carries a credit");
            Assert.Equal(collections[^1].GetProperty("id").GetInt64(), credited.GetProperty("credits")[0].GetProperty("from_collection_id").GetInt64());

            // The pending one is this week's, not due before tomorrow; the payment taken at the chair since is in no collection.
            var pending = await ApiAssert.Json(await host.GetAsync($"platform-collections/collections/{collections[0].GetProperty("id").GetInt64()}", barber), 200);
            Assert.True(pending.GetProperty("due_date").GetDateTimeOffset() > DateTimeOffset.UtcNow);
            var claimed = collections.SelectMany(c => c.GetProperty("external_transaction_ids").EnumerateArray().Select(e => e.GetString())).ToHashSet();
            var open = new List<ExternalTransactions.ExternalTransaction>();
            await foreach (var t in host.Services.GetRequiredService<ExternalTransactions.ExternalTransactionStore>().QueryAsync(1, null, null, default))
                if (CommissionCalculator.Bears(t) && !claimed.Contains(t.ExternalTransactionId)) open.Add(t);
            Assert.Contains(open, t => t.AppointmentId == DemoCollections.OpenPoolAppointmentId);

            await AssertNoViolationsAsync(host);
            Assert.Equal(3, host.Simulators.Stripe.Charges.Count(c => c.Metadata.GetValueOrDefault("purpose") == "commission_collection"));
        }

        // A second start on the same storage adds nothing, and the fresh simulator is given back what Stripe held.
        await using (var host = await ApiHost.StartAsync(azurite, seedHistory: true, prefix: prefix, background: true))
        {
            var barber = host.BarberToken(DemoCollections.BarberId);
            Assert.Equal(["pending", "due", "due", "failed", "collected", "collected", "collected"], (await ListAsync(host, barber)).Select(Status));
            await AssertNoViolationsAsync(host);
            Assert.Equal(0, host.Simulators.Stripe.AvailableBalance(DemoCollections.ConnectAccount));

            // The README's retry: top the Connect account up, retry, and the queue charges it.
            var options = new DevHostOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "bookedbarber-tests", prefix) };
            Assert.Equal(0, await SimulateCommand.RunAsync(["stripe-balance", "--account", DemoCollections.ConnectAccount, "--amount", "1000.00"],
                options, new ConfigurationBuilder().Build(), new StringWriter()));
            Assert.Equal(100_000, host.Simulators.Stripe.AvailableBalance(DemoCollections.ConnectAccount));
            var retry = await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, $"platform-collections/collections/{failedId}/retry", barber,
                """{"retry_reason": "Topped up the Connect balance"}"""), 200);
            Assert.Equal("processing", retry.GetProperty("new_status").GetString());
            Assert.Equal(5, retry.GetProperty("retry_attempt").GetInt32());
            var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
            string? status = null;
            while (DateTimeOffset.UtcNow < deadline && status != "collected")
            {
                await Task.Delay(200);
                status = (await ApiAssert.Json(await host.GetAsync($"platform-collections/collections/{failedId}", barber), 200)).GetProperty("status").GetString();
            }
            Assert.Equal("collected", status);
            await AssertNoViolationsAsync(host);
        }
    }

    private static string Status(JsonElement c) => c.GetProperty("status").GetString()!;

    private static async Task<List<JsonElement>> ListAsync(ApiHost host, string token) =>
        (await ApiAssert.Json(await host.GetAsync("platform-collections/my-collections?limit=50", token), 200)).GetProperty("collections").EnumerateArray().ToList();

    private async Task AssertNoViolationsAsync(ApiHost host)
    {
        var check = await ApiAssert.Json(await host.GetAsync("internal/collections/check", host.AdminToken()), 200);
        output.WriteLine(check.ToString());
        Assert.Equal(7, check.GetProperty("collections_checked").GetInt32());
        Assert.Empty(check.GetProperty("violations").EnumerateArray());
    }
}
