using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Security;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Routing;

namespace BookedBarber.DevHost;

/// <summary>
/// The demo world ./dev.sh seeds (idempotently: what exists is left alone).
/// Admin 900; enterprise owner 20 owns shops 1 and 2; shop owner 10 runs shop 1 (barbers 1 and 2),
/// shop owner 11 runs shop 2 (barber 3); shop 1 counts its days in New York, shop 2 in Chicago. Appointments 1–20 are barber 1's, 21–40 barber 2's, 41–50 barber 3's.
/// Barber 1 is in hybrid mode with a Stripe Connect account and a connected Square location; barber 2 is
/// centralized with a Connect account; barber 1 also has payments taken at the chair on that Square location
/// (<see cref="DemoChairPayments"/>: matched, unmatched, ambiguous) and six weeks of commission collections in every state
/// (<see cref="DemoCollections"/>, with the history); barber 3 is centralized without one (nothing can take their payments yet).
/// </summary>
public static class DemoWorld
{
    public const int AdminId = 900;
    public const int EnterpriseOwnerId = 20;
    public const int ShopOwnerId = 10;
    public const int SecondShopOwnerId = 11;

    public static readonly Shop[] Shops =
    [
        new(1, "Fade Factory Downtown", ShopOwnerId, EnterpriseOwnerId, [1, 2], "America/New_York"),
        new(2, "Fade Factory Uptown", SecondShopOwnerId, EnterpriseOwnerId, [3], "America/Chicago"),
    ];

    /// <summary>The shops' service menu, used for the appointments and the payment history alike.</summary>
    public static readonly (string Service, decimal Price)[] Services =
    [
        ("Classic Haircut", 35.00m), ("Skin Fade", 45.00m), ("Beard Trim", 25.00m), ("Haircut & Beard", 60.00m),
        ("Hot Towel Shave", 40.00m), ("Kids Cut", 25.00m), ("Haircut & Style", 75.00m), ("Line Up", 20.00m),
    ];

    private static readonly string[] Clients =
    [
        "Marcus Reed", "Jamal Carter", "Luis Ortega", "Devon Brooks", "Andre Wallace", "Tyrese Hill", "Carlos Vega",
        "Malik Johnson", "Omar Haddad", "Ethan Park", "Isaiah Grant", "Noah Bennett",
    ];

    public const string Barber1SquareToken = "EAAA-demo-barber1-square-access-token";
    public const string Barber1SquareLocation = "L-DEMO-DOWNTOWN";

    public static int BarberOf(int appointmentId) => appointmentId <= 20 ? 1 : appointmentId <= 40 ? 2 : 3;

    /// <summary>Appointment <paramref name="id"/>: a deterministic client, service and price; start times from the seeding day on.</summary>
    public static Appointment AppointmentFor(int id, DateTimeOffset seededOn)
    {
        var (service, price) = Services[(id * 5) % Services.Length];
        var clientIndex = (id * 7) % Clients.Length;
        var slot = (id - 1) % 20;
        var day = seededOn.UtcDateTime.Date.AddDays(slot / 4);
        var start = new DateTimeOffset(day.AddHours(9 + (slot % 4) * 2), TimeSpan.Zero);
        Money.TryFromMajor(price, Currency.Usd, out var money);
        return new Appointment(id, BarberOf(id), 100 + clientIndex + 1, Clients[clientIndex], service, start, money);
    }

    /// <summary>
    /// Seeds the world; with <paramref name="simulators"/> running, barber 1's Square connection carries the simulator
    /// merchant's refresh token and token expiry and the chair payments are taken at the simulator
    /// (<see cref="DemoSquareConnection"/> subscribes its webhook once the host listens).
    /// </summary>
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken, ProcessorSimulators.SimulatorServer? simulators = null)
    {
        var booking = services.GetRequiredService<BookingDirectory>();
        var configs = services.GetRequiredService<PaymentConfigStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();

        await Task.WhenAll(Shops.Select(shop => booking.UpsertShopAsync(shop, cancellationToken)));
        await Task.WhenAll(Enumerable.Range(1, 50).Select(id => booking.AddAppointmentIfAbsentAsync(AppointmentFor(id, now), cancellationToken)));
        await Task.WhenAll(
            configs.AddIfAbsentAsync(new BarberPaymentConfig(1, PaymentMode.Hybrid, PreferredProcessor: "square", EffectiveFrom: now), cancellationToken),
            configs.AddIfAbsentAsync(new BarberPaymentConfig(2, PaymentMode.Centralized, EffectiveFrom: now), cancellationToken),
            configs.AddIfAbsentAsync(new BarberPaymentConfig(3, PaymentMode.Centralized, EffectiveFrom: now), cancellationToken));

        var connections = services.GetRequiredService<ConnectionStore>();
        await connections.AddPlatformAccountIfAbsentAsync(new PlatformAccount(1, "acct_demo_barber_1", true, now), cancellationToken);
        await connections.AddPlatformAccountIfAbsentAsync(new PlatformAccount(2, "acct_demo_barber_2", true, now), cancellationToken);
        if ((await connections.ListAsync(1, cancellationToken)).Count == 0)
        {
            var credentials = services.GetRequiredService<ConnectionSecrets>().Seal(1, DemoSquareConnection.Credentials(simulators));
            var expiresAt = simulators?.Square.TokenExpiresAt(Barber1SquareToken);
            try
            {
                await connections.CreateAsync(new ProcessorConnection(0, 1, ProcessorTypes.Square, Barber1SquareLocation, "Fade Factory Downtown (Square)",
                    ConnectionStatus.Connected, credentials, Barber1SquareLocation, "USD", ProcessingFees.SquareStandard, now,
                    TokenExpiresAt: expiresAt, TokenState: TokenStates.Of(null, expiresAt, now), LastHealthCheckAt: now, UpdatedAt: now), cancellationToken);
            }
            catch (DomainException ex) when (ex.Code == ErrorCodes.Conflict)
            {
                // Another start seeded it at the same moment.
            }
        }
        await DemoChairPayments.SeedAsync(services, cancellationToken, simulators);
    }
}
