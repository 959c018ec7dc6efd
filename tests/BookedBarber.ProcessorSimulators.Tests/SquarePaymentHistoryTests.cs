using System.Diagnostics;
using BookedBarber.Payments.Processors.Square;
using BookedBarber.ProcessorSimulators.Square;

namespace BookedBarber.ProcessorSimulators.Tests;

/// <summary>What sync reads: payments taken at the chair, long histories in pages, and Square's eventually consistent list.</summary>
public sealed class SquarePaymentHistoryTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly HttpClient _http = new();

    private SquareSimulator Simulator => fixture.Server.Square;

    private SquareClient Client => new(_http, new SquareClientOptions { BaseAddress = new Uri(fixture.Server.BaseUrl) });

    public void Dispose() => _http.Dispose();

    private (string Token, string LocationId) NewBarber()
    {
        var token = "EAAA" + Guid.NewGuid().ToString("N");
        var locationId = "L" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        Simulator.AddMerchant(token, locationId, "Fade Street Barbers");
        return (token, locationId);
    }

    [Fact]
    public async Task PaymentAtTheChair_ReadsLikeSquarePos_WithCardPresentDetails()
    {
        var (token, location) = NewBarber();

        var taken = Simulator.TakeInPersonPayment(token, 5500, "USD", "bb-appt-12", "Haircut & Beard", "SWIPED", "MASTERCARD", "4444", tipMinor: 500);
        var payment = await Client.GetPaymentAsync(token, taken.Id);

        Assert.Equal(SquarePaymentStatus.Completed, payment.Status);
        Assert.Equal(location, payment.LocationId);
        Assert.Equal(new SquareMoney(5500, "USD"), payment.AmountMoney);
        Assert.Equal(new SquareMoney(500, "USD"), payment.TipMoney);
        Assert.Equal(new SquareMoney(6000, "USD"), payment.TotalMoney);
        Assert.Equal("bb-appt-12", payment.ReferenceId);
        Assert.Equal("Haircut & Beard", payment.Note);
        Assert.Equal("SWIPED", payment.CardDetails!.EntryMethod);
        Assert.Equal("MASTERCARD", payment.CardDetails.Card!.CardBrand);
        Assert.Equal("4444", payment.CardDetails.Card.Last4);
        Assert.Null(payment.ProcessingFee);
        Assert.Throws<KeyNotFoundException>(() => Simulator.TakeInPersonPayment("LNOSUCHLOCATION", 100));
    }

    [Fact]
    public async Task ListPayments_IsEventuallyConsistent_GetPaymentIsNot()
    {
        var (token, location) = NewBarber();
        Simulator.ListVisibilityDelay = TimeSpan.FromMilliseconds(1500);
        try
        {
            var payment = Simulator.TakeInPersonPayment(location, 2000);

            Assert.Empty((await Client.ListPaymentsAsync(token).AsPages().SingleAsync()).Values);
            Assert.Equal(payment.Id, (await Client.GetPaymentAsync(token, payment.Id)).Id);
            await Task.Delay(1600);
            Assert.Equal(payment.Id, Assert.Single((await Client.ListPaymentsAsync(token).AsPages().SingleAsync()).Values).Id);
        }
        finally
        {
            Simulator.ListVisibilityDelay = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task HistoricalPayments_TenThousandInOneHundredPages_InOrder_WithFees()
    {
        var (token, location) = NewBarber();
        var start = DateTimeOffset.UtcNow.AddDays(-60);
        var watch = Stopwatch.StartNew();
        var ids = Simulator.AddHistoricalPayments(location, 10_000, start, TimeSpan.FromMinutes(5), i => 2000 + i, i => i % 2 == 0 ? $"bb-appt-{i}" : null);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"seeding took {watch.Elapsed}");

        var pages = await Client.ListPaymentsAsync(token, new SquareListPaymentsOptions { SortOrder = "ASC", BeginTime = start, Limit = 500 })
            .AsPages().ToListAsync();

        Assert.Equal(100, pages.Count);
        Assert.All(pages, p => Assert.Equal(100, p.Values.Count));
        var payments = pages.SelectMany(p => p.Values).ToList();
        Assert.Equal(ids, payments.Select(p => p.Id));
        Assert.Equal(2000 + 9_999, payments[^1].AmountMoney!.Amount);
        Assert.Equal("bb-appt-0", payments[0].ReferenceId);
        Assert.Null(payments[1].ReferenceId);
        Assert.All(payments, p => Assert.Equal("INITIAL", Assert.Single(p.ProcessingFee!).Type));
        Assert.Equal(start.AddMinutes(5 * 9_999).ToUnixTimeMilliseconds(), payments[^1].CreatedAt!.Value.ToUnixTimeMilliseconds());

        var window = await Client.ListPaymentsAsync(token, new SquareListPaymentsOptions { BeginTime = start.AddMinutes(50), EndTime = start.AddMinutes(100) }).ToListAsync();
        Assert.Equal(ids.Skip(10).Take(10).Reverse(), window.Select(p => p.Id));
    }
}
