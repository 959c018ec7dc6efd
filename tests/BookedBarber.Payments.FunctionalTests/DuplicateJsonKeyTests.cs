namespace BookedBarber.Payments.FunctionalTests;

/// <summary>A JSON key given twice is refused naming the field, before anything is charged or stored.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DuplicateJsonKeyTests(AzuriteFixture azurite)
{
    private readonly ApiHost _host = azurite.Shared;

    [Theory]
    [InlineData("""{"appointment_id":{0},"amount":1.00,"amount":75.00,"currency":"USD","payment_method_data":{"card_token":"cnon:card-nonce-ok"}}""", "amount")]
    [InlineData("""{"appointment_id":{0},"amount":75.00,"currency":"USD","payment_method_data":{"card_token":"cnon:card-nonce-ok","card_token":"cnon:other"}}""", "payment_method_data.card_token")]
    public async Task Process_WithADuplicateKey_Is400NamingIt_AndChargesNothing(string template, string field)
    {
        var appointment = await _host.NewAppointmentAsync(1);
        var charged = _host.Simulators.Square.CompletedPayments;

        var error = await ApiAssert.Error(await _host.ProcessAsync(1, template.Replace("{0}", appointment.ToString())), 400, "VALIDATION_ERROR");

        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
        Assert.Equal(charged, _host.Simulators.Square.CompletedPayments);
        await ApiAssert.Json(await _host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok")), 200);
    }

    [Fact]
    public async Task AppointmentFeed_WithADuplicatePrice_Is400_AndStoresNothing()
    {
        var error = await ApiAssert.Error(await _host.SendAsync(HttpMethod.Put, "internal/booking/appointments/880001", _host.AdminToken(),
            """{"barber_id":1,"client_id":7,"service_name":"Fade","start_time":"2026-12-01T10:00:00Z","price":1.00,"price":45.00}"""), 400, "VALIDATION_ERROR");
        Assert.Equal("price", error.GetProperty("details").GetProperty("field").GetString());
        await ApiAssert.Error(await _host.GetAsync("internal/booking/appointments/880001", _host.AdminToken()), 404, "NOT_FOUND");
    }
}
