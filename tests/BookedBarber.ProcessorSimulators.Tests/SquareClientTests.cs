using System.Net;
using System.Text.Json.Nodes;
using BookedBarber.Payments.Processors.Square;
using BookedBarber.ProcessorSimulators.Square;

namespace BookedBarber.ProcessorSimulators.Tests;

/// <summary>Our <see cref="SquareClient"/> over real HTTP against the Square simulator.</summary>
public sealed class SquareClientTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly HttpClient _http = new();

    private SquareSimulator Simulator => fixture.Server.Square;

    private SquareClient Client => new(_http, new SquareClientOptions { BaseAddress = new Uri(fixture.Server.BaseUrl), SquareVersion = "2025-08-20" });

    public void Dispose() => _http.Dispose();

    /// <summary>A barber with their own Square seller account, token and main location.</summary>
    private (string Token, string LocationId, string MerchantId) NewBarber(string currency = "USD")
    {
        var token = "EAAA" + Guid.NewGuid().ToString("N");
        var locationId = "L" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var merchantId = Simulator.AddMerchant(token, locationId, "Fade Street Barbers", currency);
        return (token, locationId, merchantId);
    }

    private static SquareCreatePaymentRequest Payment(string locationId, long amount = 4500, string? key = null, string nonce = SquareSimulator.NonceOk) => new()
    {
        SourceId = nonce,
        IdempotencyKey = key ?? Guid.NewGuid().ToString(),
        AmountMoney = new SquareMoney(amount, "USD"),
        AppFeeMoney = new SquareMoney(150, "USD"),
        LocationId = locationId,
        ReferenceId = "bk_" + Guid.NewGuid().ToString("N")[..12],
        Note = "Skin fade + beard trim",
    };

    [Fact]
    public async Task CreatePayment_WithOkNonce_ReturnsCompletedPaymentWithSquareFields()
    {
        var (token, location, _) = NewBarber();
        var request = Payment(location, 4500);

        var payment = await Client.CreatePaymentAsync(token, request);

        Assert.False(string.IsNullOrEmpty(payment.Id));
        Assert.Equal(SquarePaymentStatus.Completed, payment.Status);
        Assert.Equal(new SquareMoney(4500, "USD"), payment.AmountMoney);
        Assert.Equal(new SquareMoney(4500, "USD"), payment.TotalMoney);
        Assert.Equal(new SquareMoney(4500, "USD"), payment.ApprovedMoney);
        Assert.Equal(new SquareMoney(150, "USD"), payment.AppFeeMoney);
        Assert.Equal("CARD", payment.SourceType);
        Assert.Equal("CAPTURED", payment.CardDetails?.Status);
        Assert.Equal("VISA", payment.CardDetails?.Card?.CardBrand);
        Assert.Equal("1111", payment.CardDetails?.Card?.Last4);
        Assert.Equal("KEYED", payment.CardDetails?.EntryMethod);
        Assert.Equal(location, payment.LocationId);
        Assert.Equal(request.ReferenceId, payment.ReferenceId);
        Assert.Equal(request.Note, payment.Note);
        Assert.Equal(4, payment.ReceiptNumber?.Length);
        Assert.NotNull(payment.CreatedAt);
        Assert.Equal(TimeSpan.Zero, payment.CreatedAt!.Value.Offset);
        Assert.True(DateTimeOffset.UtcNow - payment.CreatedAt.Value < TimeSpan.FromMinutes(1));
        Assert.Null(payment.ProcessingFee);
        Assert.Null(payment.TotalProcessingFee);

        var fetched = await Client.GetPaymentAsync(token, payment.Id);
        Assert.Equal(payment with { ProcessingFee = null }, fetched with { ProcessingFee = null });
    }

    [Fact]
    public async Task CreatePayment_WithoutAutocomplete_IsApprovedNotCaptured()
    {
        var (token, location, _) = NewBarber();

        var payment = await Client.CreatePaymentAsync(token, Payment(location) with { Autocomplete = false });

        Assert.Equal(SquarePaymentStatus.Approved, payment.Status);
        Assert.Equal("AUTHORIZED", payment.CardDetails?.Status);
    }

    [Theory]
    [InlineData(SquareSimulator.NonceDeclined, "CARD_DECLINED")]
    [InlineData(SquareSimulator.NonceInsufficientFunds, "INSUFFICIENT_FUNDS")]
    public async Task CreatePayment_WhenDeclined_ThrowsNonRetryableDeclineWithFailedPayment(string nonce, string code)
    {
        var (token, location, _) = NewBarber();
        var declinedBefore = Simulator.DeclinedPayments;

        var error = await Assert.ThrowsAsync<SquareApiException>(() => Client.CreatePaymentAsync(token, Payment(location, nonce: nonce)));

        Assert.Equal(400, error.Status);
        Assert.Equal("PAYMENT_METHOD_ERROR", error.Category);
        Assert.Equal(code, error.Code);
        Assert.True(error.IsDecline);
        Assert.False(error.IsRetryable);
        Assert.Equal(SquarePaymentStatus.Failed, error.Payment?.Status);
        Assert.Equal("FAILED", error.Payment?.CardDetails?.Status);
        Assert.Equal(code, Assert.Single(error.Payment!.CardDetails!.Errors!).Code);
        Assert.True(Simulator.DeclinedPayments > declinedBefore);
    }

    [Fact]
    public async Task CreatePayment_WhenProcessorErrors_ThrowsRetryableAndKeyCanBeRetried()
    {
        var (token, location, _) = NewBarber();
        var key = Guid.NewGuid().ToString();

        var error = await Assert.ThrowsAsync<SquareApiException>(
            () => Client.CreatePaymentAsync(token, Payment(location, key: key, nonce: SquareSimulator.NonceProcessingError)));

        Assert.Equal(500, error.Status);
        Assert.Equal("API_ERROR", error.Category);
        Assert.Equal("INTERNAL_SERVER_ERROR", error.Code);
        Assert.True(error.IsRetryable);
        Assert.False(error.IsDecline);
        Assert.DoesNotContain(Simulator.Payments, p => p.IdempotencyKey == key);
    }

    [Fact]
    public async Task CreatePayment_RetriedWithSameKey_ReturnsSamePaymentAndChargesOnce()
    {
        var (token, location, merchant) = NewBarber();
        var request = Payment(location, 3000);
        var completedBefore = Simulator.CompletedPayments;

        var first = await Client.CreatePaymentAsync(token, request);
        var second = await Client.CreatePaymentAsync(token, request);

        Assert.Equal(first, second);
        Assert.Single(Simulator.Payments, p => p.MerchantId == merchant);
        Assert.Equal(completedBefore + 1, Simulator.CompletedPayments);
    }

    [Fact]
    public async Task CreatePayment_SameKeyWithOtherAmount_ThrowsIdempotencyKeyReused()
    {
        var (token, location, merchant) = NewBarber();
        var request = Payment(location, 3000);
        await Client.CreatePaymentAsync(token, request);

        var error = await Assert.ThrowsAsync<SquareApiException>(
            () => Client.CreatePaymentAsync(token, request with { AmountMoney = new SquareMoney(3100, "USD") }));

        Assert.Equal(400, error.Status);
        Assert.Equal("INVALID_REQUEST_ERROR", error.Category);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", error.Code);
        Assert.False(error.IsRetryable);
        Assert.Single(Simulator.Payments, p => p.MerchantId == merchant);
    }

    [Fact]
    public async Task CreatePayment_TwentyConcurrentRequestsWithOneKey_ChargeOnce()
    {
        var (token, location, merchant) = NewBarber();
        var request = Payment(location, 2500);
        var client = Client;

        var payments = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => client.CreatePaymentAsync(token, request))));

        Assert.Single(payments.Select(p => p.Id).Distinct());
        var charged = Assert.Single(Simulator.Payments, p => p.MerchantId == merchant);
        Assert.Equal(2500, charged.Amount);
    }

    [Fact]
    public async Task CreatePayment_WithKeyLongerThan45_ThrowsValueTooLong()
    {
        var (token, location, _) = NewBarber();

        var error = await Assert.ThrowsAsync<SquareApiException>(
            () => Client.CreatePaymentAsync(token, Payment(location, key: new string('k', 46))));

        Assert.Equal(400, error.Status);
        Assert.Equal("VALUE_TOO_LONG", error.Code);
        Assert.Equal("idempotency_key", error.Errors[0].Field);
    }

    [Fact]
    public async Task CreatePayment_AtAnotherSellersLocation_ThrowsNotFound()
    {
        var (token, _, _) = NewBarber();
        var (_, otherLocation, _) = NewBarber();

        var error = await Assert.ThrowsAsync<SquareApiException>(() => Client.CreatePaymentAsync(token, Payment(otherLocation)));

        Assert.Equal(404, error.Status);
        Assert.Equal("NOT_FOUND", error.Code);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task GetPayment_OfAnotherSeller_ThrowsNotFound()
    {
        var (token, location, _) = NewBarber();
        var (otherToken, _, _) = NewBarber();
        var payment = await Client.CreatePaymentAsync(token, Payment(location));

        var error = await Assert.ThrowsAsync<SquareApiException>(() => Client.GetPaymentAsync(otherToken, payment.Id));

        Assert.Equal(404, error.Status);
        Assert.Equal("NOT_FOUND", error.Code);
    }

    [Fact]
    public async Task AnyCall_DuringOutage_ThrowsRetryableServiceUnavailable()
    {
        var (token, location, merchant) = NewBarber();
        Simulator.Outage = true;
        try
        {
            var error = await Assert.ThrowsAsync<SquareApiException>(() => Client.CreatePaymentAsync(token, Payment(location)));

            Assert.Equal(503, error.Status);
            Assert.Equal("SERVICE_UNAVAILABLE", error.Code);
            Assert.True(error.IsRetryable);
            Assert.DoesNotContain(Simulator.Payments, p => p.MerchantId == merchant);
        }
        finally
        {
            Simulator.Outage = false;
        }

        Assert.Equal(SquarePaymentStatus.Completed, (await Client.CreatePaymentAsync(token, Payment(location))).Status);
    }

    [Fact]
    public async Task AnyCall_WithErrorRateOne_ThrowsRetryableInternalServerError()
    {
        var (token, _, _) = NewBarber();
        Simulator.ErrorRate = 1;
        try
        {
            var error = await Assert.ThrowsAsync<SquareApiException>(() => Client.ListLocationsAsync(token));

            Assert.Equal(500, error.Status);
            Assert.Equal("INTERNAL_SERVER_ERROR", error.Code);
            Assert.True(error.IsRetryable);
        }
        finally
        {
            Simulator.ErrorRate = 0;
        }
    }

    [Fact]
    public async Task AnyCall_WhenTimeoutElapses_ThrowsRetryableWithoutStatus()
    {
        var (token, _, _) = NewBarber();
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(100) };
        var client = new SquareClient(http, new SquareClientOptions { BaseAddress = new Uri(fixture.Server.BaseUrl) });
        Simulator.Latency = TimeSpan.FromSeconds(1);
        try
        {
            var error = await Assert.ThrowsAsync<SquareApiException>(() => client.ListLocationsAsync(token));

            Assert.Equal(SquareApiException.NoResponse, error.Status);
            Assert.Equal("TIMEOUT", error.Code);
            Assert.True(error.IsRetryable);
        }
        finally
        {
            Simulator.Latency = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task AnyCall_WithUnknownToken_ThrowsUnauthorized()
    {
        var error = await Assert.ThrowsAsync<SquareApiException>(() => Client.ListLocationsAsync("EAAA-not-a-real-token"));

        Assert.Equal(401, error.Status);
        Assert.Equal("AUTHENTICATION_ERROR", error.Category);
        Assert.Equal("UNAUTHORIZED", error.Code);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task AnyCall_WithRevokedToken_ThrowsAccessTokenRevoked()
    {
        var (token, _, _) = NewBarber();
        Simulator.RevokeToken(token);

        var error = await Assert.ThrowsAsync<SquareApiException>(() => Client.ListLocationsAsync(token));

        Assert.Equal(401, error.Status);
        Assert.Equal("ACCESS_TOKEN_REVOKED", error.Code);
    }

    [Fact]
    public async Task ListPayments_WithMoreThan100_FollowsCursorAcrossPages()
    {
        var (token, location, _) = NewBarber();
        var client = Client;
        var created = new List<string>();
        for (var i = 0; i < 105; i++)
        {
            created.Add((await client.CreatePaymentAsync(token, Payment(location, 1000 + i))).Id);
        }

        var pages = new List<SquarePage<SquarePayment>>();
        await foreach (var page in client.ListPaymentsAsync(token, new SquareListPaymentsOptions { SortOrder = "ASC" }).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal([100, 5], pages.Select(p => p.Values.Count));
        Assert.NotNull(pages[0].Cursor);
        Assert.Null(pages[1].Cursor);
        Assert.Equal(created, pages.SelectMany(p => p.Values).Select(p => p.Id));

        var newestFirst = new List<SquarePayment>();
        await foreach (var payment in client.ListPaymentsAsync(token, new SquareListPaymentsOptions { Limit = 40, LocationId = location }))
        {
            newestFirst.Add(payment);
        }

        Assert.Equal(Enumerable.Reverse(created), newestFirst.Select(p => p.Id));
    }

    [Fact]
    public async Task ListPayments_WithForeignOrTamperedCursor_ThrowsInvalidCursor()
    {
        var (token, location, _) = NewBarber();
        for (var i = 0; i < 3; i++)
        {
            await Client.CreatePaymentAsync(token, Payment(location));
        }

        var first = await Client.ListPaymentsAsync(token, new SquareListPaymentsOptions { Limit = 2 }).AsPages().FirstAsync();
        var resumed = await Client.ListPaymentsAsync(token, new SquareListPaymentsOptions { Limit = 2 }).AsPages(first.Cursor).FirstAsync();
        Assert.Single(resumed.Values);

        var error = await Assert.ThrowsAsync<SquareApiException>(
            async () => await Client.ListPaymentsAsync(token, new SquareListPaymentsOptions { SortOrder = "ASC" }).AsPages("bm90LWEtY3Vyc29y").FirstAsync());
        Assert.Equal(400, error.Status);
        Assert.Equal("INVALID_CURSOR", error.Code);
    }

    [Fact]
    public async Task ListPayments_FiltersByCreatedAtWindow()
    {
        var (token, location, _) = NewBarber();
        await Client.CreatePaymentAsync(token, Payment(location));
        var afterFirst = DateTimeOffset.UtcNow.AddMilliseconds(5);
        await Task.Delay(20);
        var second = await Client.CreatePaymentAsync(token, Payment(location));

        var listed = new List<SquarePayment>();
        await foreach (var payment in Client.ListPaymentsAsync(token, new SquareListPaymentsOptions { BeginTime = afterFirst }))
        {
            listed.Add(payment);
        }

        Assert.Equal(second.Id, Assert.Single(listed).Id);
        var empty = await Client.ListPaymentsAsync(token, new SquareListPaymentsOptions { EndTime = DateTimeOffset.UtcNow.AddDays(-1) }).AsPages().SingleAsync();
        Assert.Empty(empty.Values);
    }

    [Fact]
    public async Task GetPayment_AfterFeesSettle_ShowsInitialProcessingFee()
    {
        var (token, location, _) = NewBarber();
        var payment = await Client.CreatePaymentAsync(token, Payment(location, 4500));
        Assert.Null((await Client.GetPaymentAsync(token, payment.Id)).ProcessingFee);

        Assert.Equal(1, Simulator.SettleFees(payment.Id));
        var settled = await Client.GetPaymentAsync(token, payment.Id);

        var fee = Assert.Single(settled.ProcessingFee!);
        Assert.Equal("INITIAL", fee.Type);
        Assert.Equal(new SquareMoney(127, "USD"), fee.AmountMoney); // 2.6 % of 45.00 = 1.17, + 0.10
        Assert.NotNull(fee.EffectiveAt);
        Assert.True(settled.UpdatedAt >= payment.UpdatedAt);

        Simulator.AdjustFee(payment.Id, -7);
        var adjusted = await Client.GetPaymentAsync(token, payment.Id);
        Assert.Equal(["INITIAL", "ADJUSTMENT"], adjusted.ProcessingFee!.Select(f => f.Type));
        Assert.Equal(new SquareMoney(120, "USD"), adjusted.TotalProcessingFee);
    }

    [Fact]
    public async Task ListPayments_AfterFeeDelay_ShowsProcessingFee()
    {
        var (token, location, _) = NewBarber();
        await Client.CreatePaymentAsync(token, Payment(location, 10_000));
        Simulator.FeeDelay = TimeSpan.FromMilliseconds(50);
        try
        {
            await Task.Delay(100);
            var listed = await Client.ListPaymentsAsync(token).AsPages().SingleAsync();

            Assert.Equal(new SquareMoney(270, "USD"), Assert.Single(listed.Values).TotalProcessingFee);
        }
        finally
        {
            Simulator.FeeDelay = null;
        }
    }

    [Fact]
    public async Task ListLocations_ReturnsOnlyTheSellersLocations()
    {
        var (token, location, merchant) = NewBarber();
        Simulator.AddLocation(token, location + "B", "Fade Street Uptown");
        NewBarber();

        var locations = await Client.ListLocationsAsync(token);
        var main = await Client.GetLocationAsync(token, "main");
        var uptown = await Client.GetLocationAsync(token, location + "B");

        Assert.Equal([location, location + "B"], locations.Select(l => l.Id));
        Assert.All(locations, l => Assert.Equal(merchant, l.MerchantId));
        Assert.Equal(location, main.Id);
        Assert.Equal("Fade Street Uptown", uptown.Name);
        Assert.Equal("USD", uptown.Currency);
        Assert.Equal("ACTIVE", uptown.Status);
    }

    [Fact]
    public async Task RawHttp_SendsSquareErrorEnvelope()
    {
        var (token, location, _) = NewBarber();
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Server.BaseUrl + "/v2/payments")
        {
            Content = new StringContent(
                $$"""{"source_id":"cnon:card-nonce-declined","idempotency_key":"{{Guid.NewGuid()}}","amount_money":{"amount":100,"currency":"USD"},"location_id":"{{location}}"}""",
                System.Text.Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token);

        using var response = await _http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("PAYMENT_METHOD_ERROR", (string?)body["errors"]![0]!["category"]);
        Assert.Equal("CARD_DECLINED", (string?)body["errors"]![0]!["code"]);
        Assert.Equal("FAILED", (string?)body["payment"]!["status"]);
        Assert.Null(body["payment"]!["processing_fee"]);
    }

    [Fact]
    public async Task DeliverPaymentUpdated_SignsUrlPlusBody()
    {
        var (token, location, merchant) = NewBarber();
        var payment = await Client.CreatePaymentAsync(token, Payment(location));
        var capture = new CapturingHandler();
        using var http = new HttpClient(capture);
        const string url = "https://payments.bookedbarber.test/webhooks/square";

        var status = await Simulator.DeliverPaymentUpdatedAsync(payment.Id, url, "sig-key-123", http);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(SquareSimulator.ComputeSignature("sig-key-123", url, capture.Body!), capture.Signature);
        var notification = JsonNode.Parse(capture.Body!)!;
        Assert.Equal("payment.updated", (string?)notification["type"]);
        Assert.Equal(merchant, (string?)notification["merchant_id"]);
        Assert.Equal(payment.Id, (string?)notification["data"]!["object"]!["payment"]!["id"]);
        Assert.False(string.IsNullOrEmpty((string?)notification["event_id"]));
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public string? Body { get; private set; }

        public string? Signature { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Body = await request.Content!.ReadAsStringAsync(cancellationToken);
            Signature = request.Headers.GetValues("x-square-hmacsha256-signature").Single();
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}

/// <summary>The client's members are virtual and its pageable can be built from fixed pages, so callers can fake Square.</summary>
public sealed class SquareClientMockingTests
{
    [Fact]
    public async Task SquareClient_CanBeFakedBySubclassing()
    {
        SquareClient client = new FakeSquareClient();

        var payment = await client.CreatePaymentAsync("token", new SquareCreatePaymentRequest
        {
            SourceId = "cnon:card-nonce-ok",
            IdempotencyKey = "k1",
            AmountMoney = new SquareMoney(100, "USD"),
        });
        var ids = new List<string>();
        await foreach (var listed in client.ListPaymentsAsync("token"))
        {
            ids.Add(listed.Id);
        }

        Assert.Equal("fake", payment.Id);
        Assert.Equal(["a", "b", "c"], ids);
    }

    private sealed class FakeSquareClient : SquareClient
    {
        public override Task<SquarePayment> CreatePaymentAsync(string accessToken, SquareCreatePaymentRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new SquarePayment { Id = "fake", Status = SquarePaymentStatus.Completed, AmountMoney = request.AmountMoney });

        public override SquarePageable<SquarePayment> ListPaymentsAsync(string accessToken, SquareListPaymentsOptions? options = null, CancellationToken cancellationToken = default) =>
            SquarePageable<SquarePayment>.FromPages(
            [
                new([new SquarePayment { Id = "a" }, new SquarePayment { Id = "b" }], null),
                new([new SquarePayment { Id = "c" }], null),
            ]);
    }
}
