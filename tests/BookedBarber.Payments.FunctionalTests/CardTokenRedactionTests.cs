using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Processing;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>A processor that quotes the card token in its error must not get it into what we answer or store.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CardTokenRedactionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ATokenStripeEchoesInItsError_IsInNeitherTheResponse_NorTheStoredAttempt_NorTheKeptReplay()
    {
        var host = azurite.Shared;
        var appointment = await host.NewAppointmentAsync(2);
        var token = "tok_secret_" + Guid.NewGuid().ToString("N");
        var key = "redact-" + Guid.NewGuid().ToString("N");

        // The Stripe simulator answers an unknown token as Stripe does: "No such PaymentMethod: '<token>'".
        var response = await host.ProcessAsync(2, Payments.Body(appointment, token), key);
        var error = await ApiAssert.Error(response, 502, "EXTERNAL_API_ERROR");
        Assert.DoesNotContain(token, error.GetRawText());
        Assert.Contains(CardTokenRedaction.Placeholder, error.GetProperty("message").GetString());

        var attempts = await host.Services.GetRequiredService<PaymentLedger>().ListAsync(2, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), default);
        var failed = attempts.Single(a => a.AppointmentId == appointment);
        Assert.Equal(AttemptStatus.Failed, failed.Status);
        Assert.NotNull(failed.FailureReason);
        Assert.DoesNotContain(token, failed.FailureReason);

        var replay = await host.ProcessAsync(2, Payments.Body(appointment, token), key);
        Assert.DoesNotContain(token, await replay.Content.ReadAsStringAsync());
    }
}
