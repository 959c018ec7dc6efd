using BookedBarber.Payments.Collections;

namespace BookedBarber.Payments.FunctionalTests.Collections;

/// <summary>
/// The charger over real storage (Azurite) with Stripe faked at the gateway: due → processing → collected/failed, dunning,
/// the stuck sweep, auto-collection off, netting, and crashes at each step of a charge.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectionChargerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Due_StripeConnect_IsDebitedOnceWithTheAttemptKey_AndEndsCollected()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var barber = await world.BarberAsync();
        var c = await world.CollectionAsync(barber, creditMinor: 500, feeMinor: 0);

        await world.Charger.ActAsync(barber, false, CancellationToken.None);

        var call = Assert.Single(world.Gateway.Calls);
        Assert.Equal("debit", call.Kind);
        Assert.Equal($"acct_test_{barber}", call.Source);
        Assert.Equal(CommissionCollection.ChargeKey(c.Id, 1), call.Charge.IdempotencyKey);
        Assert.Equal(2500, call.Charge.Amount.Minor);
        Assert.Equal(1, call.Charge.Attempt);
        Assert.Equal($"BookedBarber commission collection {c.Id}", call.Charge.Description);
        var stored = await world.ReadAsync(c);
        Assert.Equal(CollectionStatus.Collected, stored.Status);
        Assert.Equal(CollectionMethods.StripeConnect, stored.ChargeMethod);
        Assert.Equal(1, stored.RetryAttempt);
        Assert.Equal(0, stored.AutomaticRetries);
        Assert.StartsWith("ch_fake_", stored.ChargeId);
        Assert.Equal("pi_" + stored.ChargeId, stored.PaymentIntentId);
        Assert.Equal(world.Clock.GetUtcNow(), stored.CollectedAt);
        Assert.Null(stored.ProcessingSince);
        // The fake clock stands still, so both entries share a time: compare them as a set.
        var actions = (await world.AuditAsync(barber)).Select(a => a.Action).Order().ToList();
        Assert.Equal(["collection.collected", "collection.processing"], actions);
        Assert.All(await world.AuditAsync(barber), a => Assert.Equal(CollectionSystemCaller.Role, a.ActorRole));

        // Idempotent: acting again charges nothing.
        await world.Charger.ActAsync(barber, false, CancellationToken.None);
        Assert.Single(world.Gateway.Calls);
        Assert.Empty(await new CollectionChargeAudit(world.Gateway).CheckAsync(await world.ReadAsync(c), CancellationToken.None));
    }

    [Fact]
    public async Task NotYetDue_IsLeftPending()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var barber = await world.BarberAsync();
        var c = await world.CollectionAsync(barber, dueDate: world.Clock.GetUtcNow().AddHours(3));
        var before = await world.RawAsync(c);

        await world.Charger.ActAsync(barber, true, CancellationToken.None);

        Assert.Empty(world.Gateway.Calls);
        Assert.Equal(before, await world.RawAsync(c));
    }

    [Theory]
    [InlineData("insufficient_funds")]
    [InlineData("authentication_required")]
    [InlineData("balance_insufficient")]
    [InlineData("account_invalid")]
    public async Task Declined_EndsFailedWithStripesReason_AndSchedulesTheFirstRetryInADay(string code)
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        world.Gateway.Decide = _ => FakeCollectionGateway.Decline(code);
        var barber = await world.BarberAsync();
        var c = await world.CollectionAsync(barber);
        var queuedBefore = await world.QueuedCountAsync();

        await world.Charger.ActAsync(barber, false, CancellationToken.None);

        var stored = await world.ReadAsync(c);
        var now = world.Clock.GetUtcNow();
        Assert.Equal(CollectionStatus.Failed, stored.Status);
        Assert.Equal(code, stored.FailureCode);
        Assert.Equal($"Declined: {code}.", stored.FailedReason);
        Assert.Equal(now, stored.FailedAt);
        Assert.Equal(now.AddDays(1), stored.NextRetryAt);
        Assert.False(stored.NeedsOperator);
        Assert.Equal(1, stored.RetryAttempt);
        Assert.Equal(queuedBefore + 1, await world.QueuedCountAsync());
        Assert.Contains("collection.failed", (await world.AuditAsync(barber)).Select(a => a.Action));
        Assert.Empty(await new CollectionChargeAudit(world.Gateway).CheckAsync(stored, CancellationToken.None));
    }

    [Fact]
    public async Task Dunning_RetriesAfterOneThreeAndSevenDays_ThenWaitsForAnOperator()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        world.Gateway.Decide = _ => FakeCollectionGateway.Decline("insufficient_funds");
        var barber = await world.BarberAsync();
        var c = await world.CollectionAsync(barber);

        await world.Charger.ActAsync(barber, false, CancellationToken.None);
        foreach (var (days, attempt, nextDays) in new[] { (1, 2, (int?)3), (3, 3, 7), (7, 4, null) })
        {
            // Not before its time.
            world.Clock.Advance(TimeSpan.FromDays(days) - TimeSpan.FromMinutes(1));
            await world.Charger.ActAsync(barber, false, CancellationToken.None);
            Assert.Equal(attempt - 1, world.Gateway.Calls.Count);
            world.Clock.Advance(TimeSpan.FromMinutes(1));
            await world.Charger.ActAsync(barber, false, CancellationToken.None);

            var stored = await world.ReadAsync(c);
            Assert.Equal(attempt, world.Gateway.Calls.Count);
            Assert.Equal(CommissionCollection.ChargeKey(c.Id, attempt), world.Gateway.Calls.Last().Charge.IdempotencyKey);
            Assert.Equal(CollectionStatus.Failed, stored.Status);
            Assert.Equal(attempt, stored.RetryAttempt);
            Assert.Equal(attempt - 1, stored.AutomaticRetries);
            Assert.Equal(nextDays is { } d ? world.Clock.GetUtcNow().AddDays(d) : null, stored.NextRetryAt);
            Assert.Equal(nextDays is null, stored.NeedsOperator);
        }

        world.Clock.Advance(TimeSpan.FromDays(60));
        await world.Charger.ActAsync(barber, false, CancellationToken.None);
        Assert.Equal(4, world.Gateway.Calls.Count);
    }

    [Fact]
    public async Task StripeUnavailable_LeavesItProcessing_AndTheNextRunSendsTheSameKey()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        world.Gateway.Unavailable = true;
        var barber = await world.BarberAsync();
        var c = await world.CollectionAsync(barber);

        await world.Charger.ActAsync(barber, false, CancellationToken.None);
        var stored = await world.ReadAsync(c);
        Assert.Equal(CollectionStatus.Processing, stored.Status);
        Assert.Equal(world.Clock.GetUtcNow(), stored.ProcessingSince);
        Assert.Empty(world.Gateway.Charges);

        world.Gateway.Unavailable = false;
        world.Clock.Advance(TimeSpan.FromMinutes(10));
        await world.Charger.ActAsync(barber, false, CancellationToken.None);

        Assert.Equal(2, world.Gateway.Calls.Count);
        Assert.All(world.Gateway.Calls, call => Assert.Equal(CommissionCollection.ChargeKey(c.Id, 1), call.Charge.IdempotencyKey));
        Assert.Single(world.Gateway.Charges);
        Assert.Equal(CollectionStatus.Collected, (await world.ReadAsync(c)).Status);
    }

    [Fact]
    public async Task LostResponse_ThenStuck_TheSweepFindsTheChargeAtStripe_AndDoesNotChargeAgain()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        world.Gateway.LoseNextResponse = true;
        var barber = await world.BarberAsync();
        var c = await world.CollectionAsync(barber);

        await world.Charger.ActAsync(barber, false, CancellationToken.None);
        Assert.Equal(CollectionStatus.Processing, (await world.ReadAsync(c)).Status);

        world.Clock.Advance(TimeSpan.FromHours(3));
        await world.Charger.ActAsync(barber, false, CancellationToken.None);

        var stored = await world.ReadAsync(c);
        Assert.Equal(CollectionStatus.Collected, stored.Status);
        Assert.Equal(1, world.Gateway.FindCalls);
        Assert.Single(world.Gateway.Calls);
        var charge = Assert.Single(world.Gateway.Charges);
        Assert.Equal(charge.Record.Id, stored.ChargeId);
        Assert.Empty(await new CollectionChargeAudit(world.Gateway).CheckAsync(stored, CancellationToken.None));
    }

    [Fact]
    public async Task LostDecline_ThenStuck_TheSweepRecordsStripesFailure_AndSchedulesDunning()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        world.Gateway.Decide = _ => FakeCollectionGateway.Decline("authentication_required");
        world.Gateway.LoseNextResponse = true;
        var barber = await world.BarberAsync();
        var c = await world.CollectionAsync(barber);

        await world.Charger.ActAsync(barber, false, CancellationToken.None);
        world.Clock.Advance(TimeSpan.FromHours(3));
        await world.Charger.ActAsync(barber, false, CancellationToken.None);

        var stored = await world.ReadAsync(c);
        Assert.Single(world.Gateway.Calls);
        Assert.Equal(CollectionStatus.Failed, stored.Status);
        Assert.Equal("authentication_required", stored.FailureCode);
        Assert.Equal(world.Clock.GetUtcNow().AddDays(1), stored.NextRetryAt);
    }

    [Fact]
    public async Task StuckWhileStripeCannotBeAsked_StaysProcessing_AndNothingIsSent()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        world.Faults.BeforeStep = "charge.gateway_debit";
        var barber = await world.BarberAsync();
        var c = await world.CollectionAsync(barber);
        await Assert.ThrowsAsync<InvalidOperationException>(() => world.Charger.ActAsync(barber, false, CancellationToken.None));
        world.Gateway.Unavailable = true;
        world.Clock.Advance(TimeSpan.FromHours(3));
        var queued = await world.QueuedCountAsync();

        await world.Charger.ActAsync(barber, false, CancellationToken.None);

        Assert.Equal(1, world.Gateway.FindCalls);
        Assert.Empty(world.Gateway.Calls);
        Assert.Equal(CollectionStatus.Processing, (await world.ReadAsync(c)).Status);
        Assert.Equal(queued + 1, await world.QueuedCountAsync()); // a sweep, later
    }

    [Fact]
    public async Task CrashBeforeTheGatewayCall_ThenStuck_TheSweepFindsNothing_AndSendsTheSameKeyOnce()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        world.Faults.BeforeStep = "charge.gateway_debit";
        var barber = await world.BarberAsync();
        var c = await world.CollectionAsync(barber);

        await Assert.ThrowsAsync<InvalidOperationException>(() => world.Charger.ActAsync(barber, false, CancellationToken.None));
        Assert.Equal(CollectionStatus.Processing, (await world.ReadAsync(c)).Status);
        Assert.Empty(world.Gateway.Calls);

        world.Clock.Advance(TimeSpan.FromHours(2));
        await world.Charger.ActAsync(barber, false, CancellationToken.None);

        Assert.Equal(1, world.Gateway.FindCalls);
        var call = Assert.Single(world.Gateway.Calls);
        Assert.Equal(CommissionCollection.ChargeKey(c.Id, 1), call.Charge.IdempotencyKey);
        Assert.Equal(CollectionStatus.Collected, (await world.ReadAsync(c)).Status);
    }

    /// <summary>Every step of a charge, crashed before and after: a re-run (hours later) ends collected with one charge.</summary>
    [Theory]
    [InlineData("charge.mark_processing", true)]
    [InlineData("charge.mark_processing", false)]
    [InlineData("charge.gateway_debit", true)]
    [InlineData("charge.gateway_debit", false)]
    [InlineData("charge.record_result", true)]
    [InlineData("charge.record_result", false)]
    public async Task CrashAtAnyStep_ARerunCollectsExactlyOnce(string step, bool before)
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        if (before) world.Faults.BeforeStep = step; else world.Faults.AfterStep = step;
        var barber = await world.BarberAsync();
        var c = await world.CollectionAsync(barber);

        try { await world.Charger.ActAsync(barber, false, CancellationToken.None); }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Injected", StringComparison.Ordinal)) { }
        world.Clock.Advance(TimeSpan.FromHours(3));
        await world.Charger.ActAsync(barber, false, CancellationToken.None);

        var stored = await world.ReadAsync(c);
        Assert.Equal(CollectionStatus.Collected, stored.Status);
        Assert.Single(world.Gateway.Charges);
        Assert.Empty(await new CollectionChargeAudit(world.Gateway).CheckAsync(stored, CancellationToken.None));
        // Each transition's audit entry is written with it: a crash never leaves one unaudited.
        Assert.Equal(["collection.collected", "collection.processing"], (await world.AuditAsync(barber)).Select(a => a.Action).Distinct().Order());
    }

    /// <summary>The same for a declined charge: a re-run ends failed, truthfully, with one charge attempt at Stripe and dunning set.</summary>
    [Theory]
    [InlineData("charge.mark_processing", false)]
    [InlineData("charge.gateway_debit", true)]
    [InlineData("charge.gateway_debit", false)]
    [InlineData("charge.record_result", true)]
    [InlineData("charge.record_result", false)]
    [InlineData("charge.enqueue_retry", true)]
    [InlineData("charge.enqueue_retry", false)]
    public async Task CrashAtAnyStepOfADecline_ARerunEndsFailedWithOneAttempt(string step, bool before)
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        world.Gateway.Decide = _ => FakeCollectionGateway.Decline("insufficient_funds");
        if (before) world.Faults.BeforeStep = step; else world.Faults.AfterStep = step;
        var barber = await world.BarberAsync();
        var c = await world.CollectionAsync(barber);

        try { await world.Charger.ActAsync(barber, false, CancellationToken.None); }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Injected", StringComparison.Ordinal)) { }
        world.Clock.Advance(TimeSpan.FromHours(3));
        await world.Charger.ActAsync(barber, false, CancellationToken.None);

        var stored = await world.ReadAsync(c);
        Assert.Equal(CollectionStatus.Failed, stored.Status);
        Assert.Equal("insufficient_funds", stored.FailureCode);
        Assert.Equal(1, stored.RetryAttempt);
        Assert.NotNull(stored.NextRetryAt);
        Assert.Single(world.Gateway.Charges);
        Assert.Contains("collection.failed", (await world.AuditAsync(barber)).Select(a => a.Action));
        Assert.Empty(await new CollectionChargeAudit(world.Gateway).CheckAsync(stored, CancellationToken.None));
    }

    [Fact]
    public async Task AutoCollectionOff_LeavesItDue_UntilAnOperatorRun()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var barber = await world.BarberAsync(autoCollection: false);
        var c = await world.CollectionAsync(barber);

        await world.Charger.ActAsync(barber, false, CancellationToken.None);
        await world.Charger.ActAsync(barber, false, CancellationToken.None);
        Assert.Empty(world.Gateway.Calls);
        Assert.Equal(CollectionStatus.Due, (await world.ReadAsync(c)).Status);
        Assert.Equal(["collection.due"], (await world.AuditAsync(barber)).Select(a => a.Action));

        await world.Charger.ActAsync(barber, true, CancellationToken.None);
        Assert.Single(world.Gateway.Calls);
        Assert.Equal(CollectionStatus.Collected, (await world.ReadAsync(c)).Status);
    }

    [Fact]
    public async Task Netting_FullyNetted_IsCollectedWithoutACharge()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var barber = await world.BarberAsync(method: CollectionMethods.Netting);
        var c = await world.CollectionAsync(barber, method: CollectionMethods.Netting, commissionMinor: 3000, nettedMinor: 3000);

        await world.Charger.ActAsync(barber, false, CancellationToken.None);

        var stored = await world.ReadAsync(c);
        Assert.Empty(world.Gateway.Calls);
        Assert.Equal(CollectionStatus.Collected, stored.Status);
        Assert.Equal(CollectionMethods.Netting, stored.ChargeMethod);
        Assert.True(stored.NettingClosed);
        Assert.Equal(world.Clock.GetUtcNow(), stored.CollectedAt);
        Assert.Empty(await new CollectionChargeAudit(world.Gateway).CheckAsync(stored, CancellationToken.None));
    }

    [Fact]
    public async Task Netting_Remainder_IsChargedByTheFallbackMethod()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var barber = await world.BarberAsync(method: CollectionMethods.Netting, fallback: CollectionMethods.CardOnFile, customerId: "cus_test", paymentMethodId: "pm_test");
        var c = await world.CollectionAsync(barber, method: CollectionMethods.Netting, commissionMinor: 3000, nettedMinor: 1200, feeMinor: 82);

        await world.Charger.ActAsync(barber, false, CancellationToken.None);

        var call = Assert.Single(world.Gateway.Calls);
        Assert.Equal("card", call.Kind);
        Assert.Equal("cus_test/pm_test", call.Source);
        Assert.Equal(1800 + 82, call.Charge.Amount.Minor);
        var stored = await world.ReadAsync(c);
        Assert.Equal(CollectionStatus.Collected, stored.Status);
        Assert.Equal(CollectionMethods.CardOnFile, stored.ChargeMethod);
        Assert.Equal(CollectionMethods.Netting, stored.Method);
        Assert.True(stored.NettingClosed);
    }

    [Fact]
    public async Task NoConnectAccount_OrNoSavedCard_FailsWithoutCallingStripe()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var noAccount = await world.BarberAsync(connectAccount: false);
        var a = await world.CollectionAsync(noAccount);
        var noCard = await world.BarberAsync(method: CollectionMethods.CardOnFile);
        var b = await world.CollectionAsync(noCard, method: CollectionMethods.CardOnFile);

        await world.Charger.ActAsync(noAccount, false, CancellationToken.None);
        await world.Charger.ActAsync(noCard, false, CancellationToken.None);

        Assert.Empty(world.Gateway.Calls);
        Assert.Equal("no_connect_account", (await world.ReadAsync(a)).FailureCode);
        Assert.Equal("no_payment_method", (await world.ReadAsync(b)).FailureCode);
        Assert.Equal(CollectionStatus.Failed, (await world.ReadAsync(b)).Status);
    }

    [Fact]
    public async Task ProcessorAudit_FlagsTwoCharges_AWrongAmount_AndAChargeOfAnUncollectedCollection()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var barber = await world.BarberAsync();
        var c = await world.CollectionAsync(barber);
        await world.Charger.ActAsync(barber, false, CancellationToken.None);
        var collected = await world.ReadAsync(c);
        var audit = new CollectionChargeAudit(world.Gateway);
        Assert.Empty(await audit.CheckAsync(collected, CancellationToken.None));

        Assert.Single(await audit.CheckAsync(collected with { CommissionMinor = 3100 }, CancellationToken.None));
        Assert.Single(await audit.CheckAsync(collected with { Status = CollectionStatus.Failed }, CancellationToken.None));
        Assert.Single(await audit.CheckAsync(collected with { NettedMinor = 3000 }, CancellationToken.None));
        await world.Gateway.DebitConnectAccountAsync(new CollectionCharge(c.Id, barber, 9, collected.Amount, "another-key", "x"), "acct", CancellationToken.None);
        Assert.Contains("2 succeeded charges", Assert.Single(await audit.CheckAsync(collected, CancellationToken.None)));
    }
}
