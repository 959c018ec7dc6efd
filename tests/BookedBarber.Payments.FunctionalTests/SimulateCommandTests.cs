using BookedBarber.DevHost;
using BookedBarber.Payments.Configuration;
using Microsoft.Extensions.Configuration;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// <c>./dev.sh simulate ...</c> against a running dev host: it finds the host through its data directory's
/// simulators.json, drives the Square simulator's control endpoints, and prints its result as its last line.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SimulateCommandTests(AzuriteFixture azurite)
{
    private ApiHost Host => azurite.Shared;

    private async Task<string> RunAsync(params string[] args)
    {
        var environment = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [SettingNames.AuthSigningKey] = ApiHost.SigningKey }).Build();
        var options = new DevHostOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "bookedbarber-tests", Host.Prefix) };
        var output = new StringWriter();
        Assert.Equal(0, await SimulateCommand.RunAsync(args, options, environment, output));
        return output.ToString().TrimEnd().Split('\n')[^1].Trim();
    }

    [Fact]
    public async Task SquareLocation_OpensASellerAndPrintsLocationAndToken()
    {
        var last = await RunAsync("square-location", "--name", "Corner Cuts");

        var (location, token) = (last.Split(' ')[0], last.Split(' ')[1]);
        var merchant = Host.Simulators.Square.GetMerchant(token);
        Assert.Equal(location, merchant.MainLocationId);
        Assert.True(Host.Simulators.Square.TokenExpiresAt(token) > DateTimeOffset.UtcNow.AddDays(29));
    }

    [Fact]
    public async Task SquarePayment_AtBarber1sLocation_CarriesTheAppointmentReference_AndSquareRefund_RefundsIt()
    {
        var paymentId = await RunAsync("square-payment", "--barber", "1", "--amount", "45.00", "--appointment", "7");

        var payment = Assert.Single(Host.Simulators.Square.Payments, p => p.Id == paymentId);
        Assert.Equal(DemoWorld.Barber1SquareLocation, payment.LocationId);
        Assert.Equal(4500, payment.Amount);
        Assert.Equal("bb-appt-7", payment.ReferenceId);
        Assert.Equal("COMPLETED", payment.Status);
        Assert.Equal("CHIP", payment.EntryMethod);

        var refundId = await RunAsync("square-refund", "--payment", paymentId, "--amount", "10.50");

        var refund = Assert.Single(Host.Simulators.Square.Refunds, r => r.Id == refundId);
        Assert.Equal((paymentId, 1050L), (refund.PaymentId, refund.Amount));
    }

    [Fact]
    public async Task StripeBalance_SetsTheConnectAccountsAvailableBalance()
    {
        var account = "acct_simulate_" + Guid.NewGuid().ToString("N")[..8];

        var last = await RunAsync("stripe-balance", "--account", account, "--amount", "250.00");

        Assert.Equal($"{account} 250.00 usd", last);
        Assert.Equal(25_000, Host.Simulators.Stripe.AvailableBalance(account));
    }

    [Theory]
    [InlineData("stripe-balance", "--account", "cus_123", "--amount", "10")]
    [InlineData("stripe-balance", "--amount", "10")]
    [InlineData("square-payment", "--barber", "1", "--amount", "0.001")]
    [InlineData("square-payment", "--barber", "0", "--amount", "10")]
    [InlineData("square-payment", "--amount", "10")]
    [InlineData("square-refund", "--amount", "10")]
    [InlineData("square-teleport")]
    public async Task BadArguments_AreRefusedBeforeAnythingHappens(params string[] args)
    {
        var before = Host.Simulators.Square.Payments.Count;

        await Assert.ThrowsAsync<ArgumentException>(() => RunAsync(args));

        Assert.Equal(before, Host.Simulators.Square.Payments.Count);
    }

    [Fact]
    public async Task UnknownPayment_OrBarberWithoutSquare_IsRefusedWithAReason()
    {
        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync("square-refund", "--payment", "no-such-payment"));
        Assert.Contains("no-such-payment", unknown.Message);

        var noSquare = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync("square-payment", "--barber", "3", "--amount", "20"));
        Assert.Contains("Barber 3", noSquare.Message);
    }
}
