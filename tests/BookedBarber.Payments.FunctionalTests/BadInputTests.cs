using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>Every kind of bad input gets the envelope with the right status and code, and writes nothing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BadInputTests(AzuriteFixture azurite)
{
    private const string ValidAppointment = """{"barber_id":1,"client_id":7,"client_name":"Sam","service_name":"Skin Fade","start_time":"2026-12-01T10:00:00Z","price":45.00,"currency":"USD"}""";
    private readonly ApiHost _host = azurite.Shared;

    private Task<HttpResponseMessage> PutAppointment(int id, string json, string contentType = "application/json") =>
        _host.SendAsync(HttpMethod.Put, $"internal/booking/appointments/{id}", _host.AdminToken(), json, contentType);

    /// <summary>Appointment 5 as seeded, to compare after a refused write.</summary>
    private async Task<string> Appointment5() => (await ApiAssert.Json(await _host.GetAsync("internal/booking/appointments/5", _host.AdminToken()), 200)).GetRawText();

    private async Task AssertNotStored(int id) =>
        await ApiAssert.Error(await _host.GetAsync($"internal/booking/appointments/{id}", _host.AdminToken()), 404, "NOT_FOUND");

    [Fact]
    public async Task ValidUpsert_Creates201_ThenReplaces200()
    {
        var created = await ApiAssert.Json(await PutAppointment(700, ValidAppointment), 201);
        Assert.Equal(45.00m, created.GetProperty("price").GetDecimal());
        Assert.Equal("45.00", created.GetProperty("price").GetRawText());
        Assert.Equal("2026-12-01T10:00:00Z", created.GetProperty("start_time").GetString());
        await ApiAssert.Json(await PutAppointment(700, ValidAppointment.Replace("45.00", "50.00")), 200);
        var stored = await ApiAssert.Json(await _host.GetAsync("internal/booking/appointments/700", _host.AdminToken()), 200);
        Assert.Equal(50.00m, stored.GetProperty("price").GetDecimal());
    }

    [Theory]
    [InlineData("{\"barber_id\": 1,", "INVALID_JSON", null)]
    [InlineData("{\"barber_id\": \"one\", \"client_id\": 7}", "VALIDATION_ERROR", "barber_id")]
    [InlineData("{\"barber_id\": 1, \"client_id\": 7, \"service_name\": \"Fade\", \"start_time\": \"2026-12-01T10:00:00Z\", \"price\": \"45\"}", "VALIDATION_ERROR", "price")]
    [InlineData("{\"client_id\": 7, \"service_name\": \"Fade\", \"start_time\": \"2026-12-01T10:00:00Z\", \"price\": 45}", "VALIDATION_ERROR", "barber_id")]
    [InlineData("{\"barber_id\": -1, \"client_id\": 7, \"service_name\": \"Fade\", \"start_time\": \"2026-12-01T10:00:00Z\", \"price\": 45}", "VALIDATION_ERROR", "barber_id")]
    [InlineData("{\"barber_id\": 1, \"client_id\": 7, \"service_name\": \"\", \"start_time\": \"2026-12-01T10:00:00Z\", \"price\": 45}", "VALIDATION_ERROR", "service_name")]
    [InlineData("{\"barber_id\": 1, \"client_id\": 7, \"service_name\": \"Fade\", \"price\": 45}", "VALIDATION_ERROR", "start_time")]
    [InlineData("{\"barber_id\": 1, \"client_id\": 7, \"service_name\": \"Fade\", \"start_time\": \"2026-12-01T10:00:00Z\", \"price\": 0}", "INVALID_PAYMENT_AMOUNT", "price")]
    [InlineData("{\"barber_id\": 1, \"client_id\": 7, \"service_name\": \"Fade\", \"start_time\": \"2026-12-01T10:00:00Z\", \"price\": -45}", "INVALID_PAYMENT_AMOUNT", "price")]
    [InlineData("{\"barber_id\": 1, \"client_id\": 7, \"service_name\": \"Fade\", \"start_time\": \"2026-12-01T10:00:00Z\", \"price\": 45.001}", "INVALID_PAYMENT_AMOUNT", "price")]
    [InlineData("{\"barber_id\": 1, \"client_id\": 7, \"service_name\": \"Fade\", \"start_time\": \"2026-12-01T10:00:00Z\", \"price\": 99999999999}", "INVALID_PAYMENT_AMOUNT", "price")]
    [InlineData("{\"barber_id\": 1, \"client_id\": 7, \"service_name\": \"Fade\", \"start_time\": \"2026-12-01T10:00:00Z\", \"price\": 1e400}", "VALIDATION_ERROR", "price")]
    [InlineData("{\"barber_id\": 1, \"client_id\": 7, \"service_name\": \"Fade\", \"start_time\": \"2026-12-01T10:00:00Z\", \"price\": 45, \"currency\": \"XYZ\"}", "UNSUPPORTED_CURRENCY", "currency")]
    [InlineData("[1, 2, 3]", "VALIDATION_ERROR", "body")]
    public async Task BadBody_Is400WithTheContractsCode_AndNothingIsStored(string json, string code, string? field)
    {
        var error = await ApiAssert.Error(await PutAppointment(800, json), 400, code);
        if (field is not null) Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
        await AssertNotStored(800);
    }

    [Fact]
    public async Task BadBodyForAnExistingAppointment_LeavesItUnchanged()
    {
        var before = await Appointment5();
        await ApiAssert.Error(await PutAppointment(5, ValidAppointment.Replace("45.00", "-1")), 400, "INVALID_PAYMENT_AMOUNT");
        await ApiAssert.Error(await PutAppointment(5, "{\"barber_id\":"), 400, "INVALID_JSON");
        Assert.Equal(before, await Appointment5());
    }

    [Fact]
    public async Task WrongContentType_Is415()
    {
        await ApiAssert.Error(await PutAppointment(801, ValidAppointment, "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE");
        await ApiAssert.Error(await PutAppointment(801, "barber_id=1", "application/x-www-form-urlencoded"), 415, "UNSUPPORTED_MEDIA_TYPE");
        await AssertNotStored(801);
    }

    [Fact]
    public async Task BodyOverOneMegabyte_Is413_WhetherDeclaredOrStreamed()
    {
        var huge = "{\"service_name\":\"" + new string('x', 1_100_000) + "\"}";
        await ApiAssert.Error(await PutAppointment(802, huge), 413, "PAYLOAD_TOO_LARGE");

        var streamed = new HttpRequestMessage(HttpMethod.Put, "internal/booking/appointments/802")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge))),
        };
        streamed.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        streamed.Headers.TransferEncodingChunked = true;
        streamed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _host.AdminToken());
        await ApiAssert.Error(await _host.Client.SendAsync(streamed), 413, "PAYLOAD_TOO_LARGE");
        await AssertNotStored(802);
    }

    [Theory]
    [InlineData("internal/booking/appointments/abc")]
    [InlineData("internal/booking/appointments/0")]
    [InlineData("internal/booking/appointments/-4")]
    [InlineData("hybrid-payments/options/one")]
    public async Task NonIntegerIdsInTheRoute_Are400(string path)
    {
        var error = await ApiAssert.Error(await _host.GetAsync(path, _host.AdminToken()), 400, "VALIDATION_ERROR");
        Assert.NotNull(error.GetProperty("details").GetProperty("field").GetString());
    }

    [Fact]
    public async Task UnknownRoute_Is404_AndWrongMethod_Is405WithAllow()
    {
        await ApiAssert.Error(await _host.GetAsync("no/such/route", _host.AdminToken()), 404, "NOT_FOUND");
        var response = await _host.SendAsync(HttpMethod.Patch, "health");
        await ApiAssert.Error(response, 405, "METHOD_NOT_ALLOWED");
        Assert.Equal(["GET", "HEAD", "OPTIONS"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task AnalyticsRoutes_AnswerOnlyAfterAuthentication()
    {
        await ApiAssert.Error(await _host.GetAsync("unified-payment-analytics/dashboard"), 401, "UNAUTHORIZED");
        await ApiAssert.Json(await _host.GetAsync("unified-payment-analytics/dashboard", _host.BarberToken()), 200);
    }

    [Fact]
    public async Task ClientsParsingTheEnvelope_FindCodeAndMessageWhereTheExamplesLook()
    {
        var text = await (await _host.GetAsync("no/such/route")).Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        Assert.Equal("NOT_FOUND", document.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.StartsWith("req_", document.RootElement.GetProperty("error").GetProperty("request_id").GetString());
    }
}
