using BookedBarber.Payments.Processing;
using Microsoft.Extensions.Logging;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Processors.Square;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// A payment we make through a barber's own processor is their external transaction from the moment it is charged:
/// one record, matched to its appointment, that sync or a webhook seeing the same payment later merges into.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ExternalPaymentRecordingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ASquarePayment_IsRecordedAsOneMatchedExternalTransaction_AndALaterSyncOfItIsTheSameRecord()
    {
        var host = azurite.Shared;
        var appointment = await host.NewAppointmentAsync(1, price: 75.00m);

        var paid = await ApiAssert.Json(await host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok", amount: 80.00m)), 200);
        var paymentId = paid.GetProperty("payment_id").GetString()!;
        var connectionId = paid.GetProperty("routing_details").GetProperty("connection_id").GetInt32();

        var store = host.Services.GetRequiredService<ExternalTransactionStore>();
        var recorded = await store.FindAsync(ProcessorTypes.Square, paymentId, default);
        Assert.NotNull(recorded);
        Assert.Equal((1, connectionId, ExternalTransactionStatus.Completed, 8000L, 500L), (recorded.BarberId, recorded.ConnectionId, recorded.Status, recorded.Amount.Minor, recorded.TipAmount?.Minor));
        Assert.Equal((appointment, ReconciliationStatus.Matched, "payment"), (recorded.AppointmentId, recorded.ReconciliationStatus, recorded.Source));
        Assert.NotNull(recorded.ReconciledAt);
        Assert.NotNull(recorded.AttemptId);
        Assert.Equal(paid.GetProperty("processed_at").GetDateTimeOffset(), recorded.ProcessedAt);
        Assert.NotNull(recorded.CardBrand);
        Assert.NotNull(recorded.LastFour);
        Assert.Equal(recorded, await store.GetAsync(recorded.Id, default));

        // At Square: reference_id is still the attempt id (the reconciler's key); the note names the booking.
        var connection = (await host.Services.GetRequiredService<ConnectionStore>().ListAsync(1, default)).Single(c => c.Id == connectionId);
        var token = host.Services.GetRequiredService<ConnectionSecrets>().Open(connection).AccessToken!;
        var atSquare = await host.Services.GetRequiredService<SquareClient>().GetPaymentAsync(token, paymentId);
        Assert.Equal(recorded.AttemptId, atSquare.ReferenceId);
        Assert.True(AppointmentReference.TryParse(out var named, atSquare.Note));
        Assert.Equal(appointment, named);

        // Sync (or a webhook) later sees the same payment, unmatched by itself and with fees now known: still one record.
        var observed = recorded with { Id = 0, ReconciliationStatus = ReconciliationStatus.Unmatched, ReconciledAt = null, AppointmentId = null,
            ProcessorFees = new Money(262, Currency.Usd), Source = "sync", Version = 3 };
        var outcome = await store.UpsertAsync([observed], default);
        Assert.Equal((0, 1), (outcome.New, outcome.Updated));
        var merged = Assert.Single(outcome.Stored);
        Assert.Equal((recorded.Id, appointment, ReconciliationStatus.Matched, 262L), (merged.Id, merged.AppointmentId, merged.ReconciliationStatus, merged.ProcessorFees?.Minor));
        var all = new List<ExternalTransaction>();
        await foreach (var t in store.QueryAsync(1, recorded.ProcessedAt.AddSeconds(-1), recorded.ProcessedAt.AddSeconds(1), default)) all.Add(t);
        Assert.Single(all, t => t.ExternalTransactionId == paymentId);
    }

    [Fact]
    public async Task APaymentOnTheBarbersOwnStripe_IsRecorded_AndSavesTheCardOnTheirAccount()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        host.Simulators.Stripe.CreateStandaloneAccount("Barber 3", accountId: "acct_barber3_own", secretKey: "sk_test_barber3_own_account");
        var sealedKey = host.Services.GetRequiredService<Security.CredentialProtector>().Protect("""{"secret_key":"sk_test_barber3_own_account"}""", 3);
        await host.Services.GetRequiredService<ConnectionStore>().CreateAsync(new ProcessorConnection(0, 3, "stripe", "acct_barber3_own",
            "Barber 3's Stripe", "connected", sealedKey, null, "USD", new ProcessingFees(0.027m, 0.029m, new Money(30, Currency.Usd)), DateTimeOffset.UtcNow), default);
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config/3", host.AdminToken(), """{"payment_mode":"decentralized","preferred_processor":"stripe"}"""), 200);
        var appointment = await host.NewAppointmentAsync(3);
        var body = System.Text.Json.Nodes.JsonNode.Parse(Payments.Body(appointment, "tok_visa"))!;
        body["payment_method_data"]!["save_payment_method"] = true;

        var paid = await ApiAssert.Json(await host.ProcessAsync(3, body.ToJsonString()), 200);

        var saved = paid.GetProperty("saved_payment_method");
        Assert.Equal("stripe", saved.GetProperty("processor").GetString());
        Assert.Equal(saved.GetProperty("customer_id").GetString(), host.Simulators.Stripe.SavedPaymentMethods[saved.GetProperty("id").GetString()!]);
        var recorded = await host.Services.GetRequiredService<ExternalTransactionStore>().FindAsync(ProcessorTypes.Stripe, paid.GetProperty("payment_id").GetString()!, default);
        Assert.Equal((3, appointment, ReconciliationStatus.Matched, 7500L), (recorded!.BarberId, recorded.AppointmentId, recorded.ReconciliationStatus, recorded.Amount.Minor));
    }

    [Fact]
    public async Task CentralizedAndFallbackPayments_AreNotExternalTransactions()
    {
        var host = azurite.Shared;
        var appointment = await host.NewAppointmentAsync(2);
        var paid = await ApiAssert.Json(await host.ProcessAsync(2, Payments.Body(appointment, "tok_visa")), 200);
        var store = host.Services.GetRequiredService<ExternalTransactionStore>();
        Assert.Null(await store.FindAsync(ProcessorTypes.Stripe, paid.GetProperty("payment_id").GetString()!, default));
        Assert.Null(await store.FindAsync("stripe_platform", paid.GetProperty("payment_id").GetString()!, default));
    }

    [Fact]
    public async Task WhenRecordingFails_ThePaymentStillSucceeds_AndIsPaidOnce()
    {
        // The store this host's payments record through talks to storage that is not there; everything else is real.
        await using var host = await ApiHost.StartAsync(azurite, services: services =>
        {
            services.RemoveAll<ExternalPaymentRecorder>();
            services.AddSingleton(sp =>
            {
                var settings = sp.GetRequiredService<PaymentsSettings>() with
                {
                    StorageConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
                        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
                        "TableEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;",
                };
                var nowhere = new StorageAccount(settings);
                return new ExternalPaymentRecorder(new ExternalTransactionStore(nowhere, new IdAllocator(nowhere), new GlobalLookup(nowhere),
                    sp.GetRequiredService<ConnectionStore>(), sp.GetRequiredService<TimeProvider>()),
                    sp.GetRequiredService<TransactionReconciler>(), sp.GetRequiredService<ILogger<ExternalPaymentRecorder>>());
            });
        });
        var appointment = await host.NewAppointmentAsync(1);
        var before = host.Simulators.Square.CompletedPayments;

        var paid = await ApiAssert.Json(await host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok")), 200);

        Assert.Equal("external", paid.GetProperty("routing_decision").GetString());
        Assert.Equal(before + 1, host.Simulators.Square.CompletedPayments);
        await ApiAssert.Error(await host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok")), 409, "APPOINTMENT_ALREADY_PAID");
        // Nothing reached the real storage: the record is left to the next sync.
        var real = new ExternalTransactionStore(host.Storage, host.Services.GetRequiredService<IdAllocator>(), host.Services.GetRequiredService<GlobalLookup>(),
            host.Services.GetRequiredService<ConnectionStore>(), TimeProvider.System);
        Assert.Null(await real.FindAsync(ProcessorTypes.Square, paid.GetProperty("payment_id").GetString()!, default));
    }
}
