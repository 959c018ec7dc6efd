using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Processing;
using BookedBarber.Payments.Routing;
using BookedBarber.Payments.Storage;
using BookedBarber.ProcessorSimulators;

namespace BookedBarber.DevHost;

/// <summary>
/// Ninety days of payment history for the demo world, made through the real processing path against the simulators
/// (never against real processors): barber 1 mostly through their Square, some clients choosing the platform, a few
/// fallbacks while Square was "down" and a few declines; barber 2 centralized with a few declines. History
/// appointments get ids from 900001 (barber 1) and 910001 (barber 2); appointments 1–20 stay unpaid.
/// </summary>
public static class DemoHistory
{
    public const int Days = 90;
    private const int Barber1FirstId = 900_001;
    private const int Barber2FirstId = 910_001;

    public static async Task SeedAsync(IServiceProvider services, SimulatorServer simulators, CancellationToken cancellationToken)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var ledger = services.GetRequiredService<PaymentLedger>();
        if ((await ledger.ListAsync(1, now.AddDays(-Days - 1), now, cancellationToken)).Count > 0) return;

        // The history is made "back then": per barber, a processor whose clock we move through the ninety days (one
        // clock each: the two barbers are paid concurrently, and a shared clock would stamp one's payment with the other's time).
        var booking = services.GetRequiredService<BookingDirectory>();
        var clock1 = new HistoryClock(now.AddDays(-Days));
        var clock2 = new HistoryClock(now.AddDays(-Days));

        // The simulators stamp barber 1's Square payments with the history's time, as Square would have (barber 2 pays
        // only on the platform, whose times are our ledger's).
        using var following = simulators.Square.Clock is SimulatorClock simulatorClock ? simulatorClock.Follow(clock1) : null;
        await Task.WhenAll(
            PayBarberAsync(1, Barber1FirstId, Processor(services, clock1), booking, clock1, simulators, now, cancellationToken),
            PayBarberAsync(2, Barber2FirstId, Processor(services, clock2), booking, clock2, null, now, cancellationToken));
    }

    private static PaymentProcessor Processor(IServiceProvider services, HistoryClock clock) =>
        ActivatorUtilities.CreateInstance<PaymentProcessor>(services, clock,
            new PaymentLedger(services.GetRequiredService<StorageAccount>(), services.GetRequiredService<ReconciliationWatchlist>(), clock));

    private static async Task PayBarberAsync(int barberId, int firstId, PaymentProcessor processor, BookingDirectory booking, HistoryClock clock,
        SimulatorServer? simulators, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var n = 0;
        for (var daysAgo = Days; daysAgo >= 1; daysAgo--)
        {
            var perDay = 1 + (daysAgo + barberId) % 2;
            for (var slot = 0; slot < perDay; slot++, n++)
            {
                var (service, price) = DemoWorld.Services[(n * 3 + barberId) % DemoWorld.Services.Length];
                Money.TryFromMajor(price, Currency.Usd, out var amount);
                var start = new DateTimeOffset(now.UtcDateTime.Date.AddDays(-daysAgo).AddHours(10 + slot * 3), TimeSpan.Zero);
                var appointment = new Appointment(firstId + n, barberId, 100 + (n % 12) + 1, null, service, start, amount);
                await booking.AddAppointmentIfAbsentAsync(appointment, cancellationToken);

                var declined = n % 23 == 7;
                var fallback = simulators is not null && n % 40 == 13;
                var preference = barberId == 1 && n % 5 == 2 ? ClientPreference.Platform : (ClientPreference?)null;
                var cards = barberId == 1 && preference is null
                    ? new CardTokens(declined ? "cnon:card-nonce-declined" : "cnon:card-nonce-ok", "tok_visa")
                    : new CardTokens(declined ? "tok_chargeDeclined" : "tok_visa", null);

                clock.Set(start.AddMinutes(55));
                if (fallback) simulators!.Square.Outage = true;
                try
                {
                    await processor.ProcessAsync(new PaymentTarget(appointment, amount, preference), cards, $"demo-{barberId}-{n}", AttemptKey.New(barberId, clock), cancellationToken);
                }
                catch (DomainException ex) when (ex.Code is ErrorCodes.PaymentDeclined or ErrorCodes.ExternalProcessorUnavailable or ErrorCodes.ExternalApiError)
                {
                    // Declines are part of the history; they are recorded like any other attempt.
                }
                finally
                {
                    if (fallback) simulators!.Square.Outage = false;
                }
            }
        }
    }

    /// <summary>A clock the seeder sets to each historical payment's time.</summary>
    private sealed class HistoryClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Set(DateTimeOffset now) => _now = now;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
