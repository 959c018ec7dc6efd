using BookedBarber.Payments.Ledger;
using System.Net.Sockets;
using System.Text;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Processing;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// <c>Idempotency-Key</c> as a client relies on it: one request is one value however it is written, one key per request,
/// a replay reads like the first answer, and a refusal caused by another request in flight is not remembered.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class IdempotencyKeyTests(AzuriteFixture azurite)
{
    private readonly ApiHost _host = azurite.Shared;

    private static string NewKey() => "key-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task TheSameAmountWrittenDifferently_IsTheSameRequest_AndChargesOnce()
    {
        var appointment = await _host.NewAppointmentAsync(2);
        var key = NewKey();
        var before = _host.Simulators.Stripe.SucceededCharges;
        var plain = $$$"""{"appointment_id":{{{appointment}}},"amount":75,"payment_method_data":{"card_token":"tok_visa"},"metadata":{"a":"1","b":"2"}}""";
        var written = $$$"""{"metadata":{"b":"2","a":"1"},"currency":"USD","amount":75.00,"payment_method_data":{"card_token":"tok_visa"},"appointment_id":{{{appointment}}}}""";

        var first = await ApiAssert.Json(await _host.ProcessAsync(2, plain, key), 200);
        var retry = await _host.ProcessAsync(2, written, key);

        Assert.Equal(first.GetRawText(), (await ApiAssert.Json(retry, 200)).GetRawText());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(before + 1, _host.Simulators.Stripe.SucceededCharges);
    }

    [Fact]
    public async Task TwoIdempotencyKeyHeaders_Are400_AndChargeNothing()
    {
        var appointment = await _host.NewAppointmentAsync(2);
        var before = _host.Simulators.Stripe.SucceededCharges;
        var body = Payments.Body(appointment, "tok_visa");

        // HttpClient folds repeated headers into one line, so this request is written by hand.
        var uri = _host.Client.BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var request = $"POST /api/v1/hybrid-payments/process HTTP/1.1\r\nHost: {uri.Authority}\r\nAuthorization: Bearer {_host.BarberToken(2)}\r\n" +
            $"Idempotency-Key: {NewKey()}\r\nIdempotency-Key: {NewKey()}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n" +
            "Connection: close\r\n\r\n" + body;
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        var response = await new StreamReader(stream).ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400", response);
        Assert.Contains("\"code\":\"VALIDATION_ERROR\"", response);
        Assert.Contains("\"field\":\"Idempotency-Key\"", response);
        Assert.Equal(before, _host.Simulators.Stripe.SucceededCharges);
        await ApiAssert.Json(await _host.ProcessAsync(2, body), 200);
    }

    [Fact]
    public async Task AReplayedRefusal_CarriesTheRequestIdOfItsBody()
    {
        var appointment = await _host.NewAppointmentAsync(1);
        var key = NewKey();
        var body = Payments.Body(appointment, "cnon:card-nonce-declined");

        var first = await ApiAssert.Error(await _host.ProcessAsync(1, body, key), 422, "PAYMENT_DECLINED");
        var retry = await _host.ProcessAsync(1, body, key);
        var replayed = await ApiAssert.Error(retry, 422, "PAYMENT_DECLINED"); // asserts X-Request-Id == request_id

        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.GetProperty("request_id").GetString(), replayed.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task ARefusalBecauseAnotherPaymentIsInFlight_IsNotRemembered()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var appointment = await host.NewAppointmentAsync(2);
        var key = NewKey();
        var body = Payments.Body(appointment, "tok_visa");

        // Another payment of the appointment is under way (recorded just now, not charged yet).
        Money.TryFromMajor(75m, Currency.Usd, out var amount);
        await host.Services.GetRequiredService<PaymentLedger>().BeginAsync(new PaymentAttempt(Guid.NewGuid().ToString("N")[..24], 2, appointment, amount,
            "centralized", "stripe_platform", null, AttemptStatus.Pending, new Money(248, Currency.Usd), new Money(1500, Currency.Usd),
            true, "inflight-" + Guid.NewGuid().ToString("N")[..16], DateTimeOffset.UtcNow), default);
        await ApiAssert.Error(await host.ProcessAsync(2, body, key), 409, "PAYMENT_IN_PROGRESS");

        // It never reached the processor: the reconciler fails it. The same key now gets a real answer.
        Assert.Equal(1, await host.Services.GetRequiredService<PaymentReconciler>().ReconcileAsync(DateTimeOffset.UtcNow.AddMinutes(1), default));
        var paid = await host.ProcessAsync(2, body, key);
        Assert.Equal("completed", (await ApiAssert.Json(paid, 200)).GetProperty("status").GetString());
        Assert.False(paid.Headers.Contains("Idempotent-Replayed"));
    }
}
