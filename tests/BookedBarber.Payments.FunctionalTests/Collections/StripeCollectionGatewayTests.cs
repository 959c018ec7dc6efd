using BookedBarber.DevHost;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Collections;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// The collection charge gateway a host resolves, over HTTP against its Stripe simulator: account debits and off-session
/// saved-card charges, their refusals as failures with Stripe's code, one charge per idempotency key, and the search the
/// stuck sweeper and the invariant checker rely on. Each test uses its own Connect account and collection ids.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StripeCollectionGatewayTests(AzuriteFixture azurite)
{
    private ApiHost Host => azurite.Shared;

    private ICollectionChargeGateway Gateway => Host.Services.GetRequiredService<ICollectionChargeGateway>();

    [Fact]
    public async Task Debit_TakesTheAmountFromTheConnectAccount_AndIsFoundByItsCollection()
    {
        var (account, charge) = (NewAccount(), Charge(2575));

        var outcome = await Gateway.DebitConnectAccountAsync(charge, account, default);

        Assert.True(outcome.Succeeded);
        Assert.StartsWith("py_", outcome.ChargeId);
        Assert.Null(outcome.PaymentIntentId);
        Assert.Equal(ProcessorSimulators.Stripe.StripeSimulator.DefaultAvailableBalance - 2575, Host.Simulators.Stripe.AvailableBalance(account));
        var stored = Assert.Single(Host.Simulators.Stripe.Charges, c => c.Id == outcome.ChargeId);
        Assert.Equal((account, "1", "commission_collection", charge.BarberId.ToString()),
            (stored.SourceAccount, stored.Metadata["attempt"], stored.Metadata["purpose"], stored.Metadata["barber_id"]));
        var found = Assert.Single(await Gateway.FindChargesAsync(charge.CollectionId, default));
        Assert.Equal((outcome.ChargeId, "succeeded", 2575L, "usd", (int?)1), (found.Id, found.Status, found.AmountMinor, found.Currency, found.Attempt));
    }

    [Fact]
    public async Task Debit_BeyondTheBalance_OrOfARestrictedAccount_FailsWithStripesCode_AndTakesNothing()
    {
        var (poor, restricted) = (NewAccount(), NewAccount());
        Host.Simulators.Stripe.SetAvailableBalance(poor, 1000);
        Host.Simulators.Stripe.Restrict(restricted);

        var insufficient = await Gateway.DebitConnectAccountAsync(Charge(2500), poor, default);
        var refused = await Gateway.DebitConnectAccountAsync(Charge(2500), restricted, default);

        Assert.Equal((false, "balance_insufficient"), (insufficient.Succeeded, insufficient.FailureCode));
        Assert.Equal((false, "transfers_not_allowed"), (refused.Succeeded, refused.FailureCode));
        Assert.False(string.IsNullOrWhiteSpace(insufficient.FailureReason));
        Assert.Equal(1000, Host.Simulators.Stripe.AvailableBalance(poor));
        Assert.DoesNotContain(Host.Simulators.Stripe.Charges, c => c.SourceAccount == poor || c.SourceAccount == restricted);
    }

    [Fact]
    public async Task SavedCard_IsChargedOffSession()
    {
        var (customer, card) = await SavedCardAsync("pm_card_visa");
        var charge = Charge(3120);

        var outcome = await Gateway.ChargeSavedCardAsync(charge, customer, card, default);

        Assert.True(outcome.Succeeded);
        Assert.StartsWith("ch_", outcome.ChargeId);
        Assert.StartsWith("pi_", outcome.PaymentIntentId);
        var found = Assert.Single(await Gateway.FindChargesAsync(charge.CollectionId, default));
        Assert.Equal((outcome.ChargeId, outcome.PaymentIntentId, "succeeded", 3120L), (found.Id, found.PaymentIntentId, found.Status, found.AmountMinor));
    }

    [Theory]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds")]
    [InlineData("pm_card_authenticationRequired", "authentication_required")]
    public async Task SavedCard_Refused_IsAFailureWithTheDeclineCode(string testCard, string code)
    {
        var (customer, card) = await SavedCardAsync(testCard);
        var charge = Charge(3000);

        var outcome = await Gateway.ChargeSavedCardAsync(charge, customer, card, default);

        Assert.Equal((false, code), (outcome.Succeeded, outcome.FailureCode));
        Assert.StartsWith("pi_", outcome.PaymentIntentId);
        Assert.False(string.IsNullOrWhiteSpace(outcome.FailureReason));
        var found = Assert.Single(await Gateway.FindChargesAsync(charge.CollectionId, default));
        Assert.Equal("failed", found.Status);
    }

    [Fact]
    public async Task SameKeyTwice_IsOneCharge_ForDebitsAndCards()
    {
        var account = NewAccount();
        var (customer, card) = await SavedCardAsync("pm_card_visa");
        var debit = Charge(2500);
        var cardCharge = Charge(2600);

        var first = await Gateway.DebitConnectAccountAsync(debit, account, default);
        var again = await Gateway.DebitConnectAccountAsync(debit, account, default);
        var firstCard = await Gateway.ChargeSavedCardAsync(cardCharge, customer, card, default);
        var againCard = await Gateway.ChargeSavedCardAsync(cardCharge, customer, card, default);

        Assert.Equal(first.ChargeId, again.ChargeId);
        Assert.Equal((firstCard.ChargeId, firstCard.PaymentIntentId), (againCard.ChargeId, againCard.PaymentIntentId));
        Assert.Single(await Gateway.FindChargesAsync(debit.CollectionId, default));
        Assert.Single(await Gateway.FindChargesAsync(cardCharge.CollectionId, default));
        Assert.Equal(ProcessorSimulators.Stripe.StripeSimulator.DefaultAvailableBalance - 2500, Host.Simulators.Stripe.AvailableBalance(account));
    }

    [Fact]
    public async Task FindCharges_ReturnsEveryAttemptOfTheCollection_AndNothingOfOthers()
    {
        var account = NewAccount();
        Host.Simulators.Stripe.SetAvailableBalance(account, 100);
        var first = Charge(2500);
        var second = first with { Attempt = 2, IdempotencyKey = CommissionCollection.ChargeKey(first.CollectionId, 2) };

        await Gateway.DebitConnectAccountAsync(first, account, default);
        Host.Simulators.Stripe.SetAvailableBalance(account, 10_000);
        var paid = await Gateway.DebitConnectAccountAsync(second, account, default);
        await Gateway.DebitConnectAccountAsync(Charge(2500), account, default);

        // A refused debit leaves no charge at Stripe; the second attempt's is the collection's one charge.
        var found = await Gateway.FindChargesAsync(first.CollectionId, default);
        Assert.Equal((paid.ChargeId, (int?)2), (Assert.Single(found).Id, found[0].Attempt));
        Assert.Empty(await Gateway.FindChargesAsync(NewCollectionId(), default));
    }

    [Fact]
    public async Task StripeDown_IsUnavailable_NotAFailure()
    {
        var simulator = Host.Simulators.Stripe;
        simulator.Outage = true;
        try
        {
            await Assert.ThrowsAsync<CollectionChargeUnavailableException>(() => Gateway.DebitConnectAccountAsync(Charge(2500), NewAccount(), default));
            await Assert.ThrowsAsync<CollectionChargeUnavailableException>(() => Gateway.FindChargesAsync(NewCollectionId(), default));
        }
        finally
        {
            simulator.Outage = false;
        }
    }

    private async Task<(string Customer, string PaymentMethod)> SavedCardAsync(string testCard)
    {
        var client = new StripeClient(new StripeClientOptions { ApiKey = DevHostApp.SimulatorStripeKey, ApiBase = Host.Simulators.BaseUrl });
        var customer = await new CustomerService(client).CreateAsync(new CustomerCreateOptions { Name = "Barber collection card" });
        var saved = await new PaymentMethodService(client).AttachAsync(testCard, new PaymentMethodAttachOptions { Customer = customer.Id });
        return (customer.Id, saved.Id);
    }

    private static CollectionCharge Charge(long amountMinor, int attempt = 1)
    {
        var id = NewCollectionId();
        return new CollectionCharge(id, 7000 + (int)(id % 1000), attempt, new Money(amountMinor, Currency.Usd), CommissionCollection.ChargeKey(id, attempt),
            $"BookedBarber commission collection {id}");
    }

    private static long NewCollectionId() => Random.Shared.NextInt64(1_000_000_000, 9_000_000_000);

    private static string NewAccount() => "acct_col" + Guid.NewGuid().ToString("N")[..16];
}
