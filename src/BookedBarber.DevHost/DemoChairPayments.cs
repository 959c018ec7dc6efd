using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Sync;
using BookedBarber.ProcessorSimulators;

namespace BookedBarber.DevHost;

/// <summary>
/// Payments barber 1 took "at the chair" on their Square location, never through our API. When the simulators run they
/// are taken AT the Square simulator (backdated to those evenings, fees settled) and brought in by a sync of the
/// connection through the sync engine, the real path; with real processors configured they are written as a sync would
/// store them (the reconciler, then the store, ids <c>sq-demo-chair-N</c>). Evening appointments 920001–920004 of
/// the last three days (the history's payments are at 10:00 and 13:00, outside these windows) give one of each
/// reconciliation case:
/// <list type="bullet">
/// <item>42.00 (35.00 + 7.00 tip) naming <c>bb-appt-920001</c> in its reference → matched by reference;</item>
/// <item>45.00, 45 min after appointment 920002 (45.00) started → matched by amount and time;</item>
/// <item>18.00, a retail sale no booking explains → unmatched;</item>
/// <item>25.00 while appointments 920003 and 920004 (both 25.00) were on → ambiguous.</item>
/// </list>
/// Seeded once: when appointment 920001 exists, nothing is done (a restart keeps the data and makes no duplicates).
/// </summary>
public static class DemoChairPayments
{
    public const int FirstAppointmentId = 920_001;

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken, SimulatorServer? simulators = null)
    {
        var store = services.GetRequiredService<ExternalTransactionStore>();
        var bookings = services.GetRequiredService<BookingDirectory>();
        if (await bookings.GetAppointmentAsync(FirstAppointmentId, cancellationToken, fresh: true) is not null) return;
        if (await store.FindAsync(ProcessorTypes.Square, ExternalId(1), cancellationToken) is not null) return;
        var connection = (await services.GetRequiredService<ConnectionStore>().ListAsync(1, cancellationToken))
            .FirstOrDefault(c => c.ProcessorType == ProcessorTypes.Square);
        if (connection is null) return;

        var midnight = new DateTimeOffset(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        DateTimeOffset At(int daysAgo, int hour, int minute) => midnight.AddDays(-daysAgo).AddHours(hour).AddMinutes(minute);
        Appointment[] appointments =
        [
            new(FirstAppointmentId, 1, 103, "Luis Ortega", "Classic Haircut", At(3, 19, 0), Usd(35.00m)),
            new(FirstAppointmentId + 1, 1, 104, "Devon Brooks", "Skin Fade", At(2, 19, 0), Usd(45.00m)),
            new(FirstAppointmentId + 2, 1, 105, "Andre Wallace", "Beard Trim", At(1, 19, 0), Usd(25.00m)),
            new(FirstAppointmentId + 3, 1, 106, "Tyrese Hill", "Kids Cut", At(1, 20, 0), Usd(25.00m)),
        ];
        foreach (var appointment in appointments) await bookings.AddAppointmentIfAbsentAsync(appointment, cancellationToken);

        if (simulators is not null)
        {
            // At the chair, on Square's POS; fees settle as Square's do; the connection's sync brings them in and reconciles them.
            var square = simulators.Square;
            string[] taken =
            [
                square.TakeInPersonPayment(connection.AccountId, 3500, tipMinor: 700, referenceId: AppointmentReference.Format(FirstAppointmentId), createdAt: At(3, 19, 50)).Id,
                square.TakeInPersonPayment(connection.AccountId, 4500, entryMethod: "CONTACTLESS", cardBrand: "MASTERCARD", last4: "5454", createdAt: At(2, 19, 45)).Id,
                square.TakeInPersonPayment(connection.AccountId, 1800, entryMethod: "CONTACTLESS", last4: "1881", note: "Pomade", createdAt: At(2, 21, 30)).Id,
                square.TakeInPersonPayment(connection.AccountId, 2500, entryMethod: "SWIPED", cardBrand: "AMERICAN_EXPRESS", last4: "0005", createdAt: At(1, 20, 30)).Id,
            ];
            foreach (var id in taken) square.SettleFees(id);
            await services.GetRequiredService<TransactionSyncEngine>().RunAsync(connection, since: null, force: false, bounded: false, cancellationToken);
            return;
        }

        ExternalTransaction Chair(int n, decimal amount, DateTimeOffset at, string brand, string lastFour, string entry, string? reference = null, string? note = null) =>
            new(0, 1, connection.Id, ProcessorTypes.Square, ExternalId(n), Usd(amount), ExternalTransactionStatus.Completed, at,
                ProcessorFees: Usd(decimal.Round(amount * 0.026m + 0.10m, 2, MidpointRounding.AwayFromZero)),
                CardBrand: brand, LastFour: lastFour, EntryMethod: entry, Reference: reference, Note: note, Version: 1, Source: "demo");
        IReadOnlyList<ExternalTransaction> observed =
        [
            Chair(1, 42.00m, At(3, 19, 50), "VISA", "4242", "CHIP", reference: AppointmentReference.Format(FirstAppointmentId)),
            Chair(2, 45.00m, At(2, 19, 45), "MASTERCARD", "5454", "CONTACTLESS"),
            Chair(3, 18.00m, At(2, 21, 30), "VISA", "1881", "CONTACTLESS", note: "Pomade"),
            Chair(4, 25.00m, At(1, 20, 30), "AMERICAN_EXPRESS", "0005", "SWIPED"),
        ];
        var reconciled = await services.GetRequiredService<TransactionReconciler>().ReconcileAsync(1, observed, cancellationToken);
        await store.UpsertAsync(reconciled, cancellationToken);
    }

    public static string ExternalId(int n) => $"sq-demo-chair-{n}";

    private static Money Usd(decimal major) => Money.TryFromMajor(major, Currency.Usd, out var money) ? money : throw new ArgumentOutOfRangeException(nameof(major));
}
