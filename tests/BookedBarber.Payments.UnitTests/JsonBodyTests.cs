using BookedBarber.Payments.Errors;
using System.Text;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Http;

namespace BookedBarber.Payments.UnitTests;

public sealed class JsonBodyTests
{
    private static DomainException Fails(string json) =>
        Assert.Throws<DomainException>(() => JsonBody.Parse<AppointmentUpsertRequest>(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("{\"barber_id\": 1,")]
    [InlineData("{barber_id: 1}")]
    [InlineData("not json")]
    [InlineData("{\"a\":1}}")]
    public void MalformedJson_Is400InvalidJson(string json)
    {
        var error = Fails(json);
        Assert.Equal((400, ErrorCodes.InvalidJson), (ErrorCodes.StatusOf(error.Code), error.Code));
    }

    [Theory]
    [InlineData("{\"price\": 1.00, \"price\": 80.00}", "price")]
    [InlineData("{\"barber_id\": 1, \"price\": 75, \"barber_id\": 2}", "barber_id")]
    [InlineData("{\"price\": 75, \"pr\\u0069ce\": 80}", "price")]
    [InlineData("{\"extra\": {\"card_token\": \"a\", \"card_token\": \"b\"}}", "extra.card_token")]
    [InlineData("{\"extra\": [{}, {\"k\": 1, \"k\": 2}]}", "extra[1].k")]
    public void DuplicateKeys_Are400ValidationError_NamingTheField(string json, string field)
    {
        var error = Fails(json);
        Assert.Equal((400, ErrorCodes.ValidationError), (ErrorCodes.StatusOf(error.Code), error.Code));
        Assert.Equal(field, error.Details["field"]);
    }

    [Theory]
    [InlineData("{\"barber_id\": \"one\"}", "barber_id")]
    [InlineData("{\"barber_id\": 1.5}", "barber_id")]
    [InlineData("{\"price\": \"75.00\"}", "price")]
    [InlineData("{\"start_time\": \"yesterday\"}", "start_time")]
    [InlineData("{\"service_name\": 12}", "service_name")]
    public void WrongTypes_Are400ValidationError_NamingTheField(string json, string field)
    {
        var error = Fails(json);
        Assert.Equal((400, ErrorCodes.ValidationError), (ErrorCodes.StatusOf(error.Code), error.Code));
        Assert.Equal(field, error.Details["field"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("42")]
    public void EmptyOrNonObjectBodies_Are400ValidationError(string json) =>
        Assert.Equal(ErrorCodes.ValidationError, Fails(json).Code);

    [Fact]
    public void WellFormedBody_BindsSnakeCaseFields()
    {
        var body = JsonBody.Parse<AppointmentUpsertRequest>("{\"barber_id\":3,\"client_id\":9,\"service_name\":\"Fade\",\"price\":45.50,\"currency\":\"USD\",\"unknown\":true}"u8);
        Assert.Equal(3, body.BarberId);
        Assert.Equal(45.50m, body.Price);
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("application/merge-patch+json", true)]
    [InlineData("text/plain", false)]
    [InlineData("application/x-www-form-urlencoded", false)]
    [InlineData(null, false)]
    public void JsonContentTypes_AreRecognised(string? contentType, bool json) => Assert.Equal(json, JsonBody.IsJsonContentType(contentType));
}
