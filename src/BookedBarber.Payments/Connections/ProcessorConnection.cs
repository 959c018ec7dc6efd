
namespace BookedBarber.Payments.Connections;

public static class ProcessorTypes
{
    public const string Square = "square";
    public const string Stripe = "stripe";

    /// <summary>The processors the API names; we can take payments through Square and Stripe.</summary>
    public static readonly IReadOnlyList<string> Supported = ["stripe", "square", "paypal", "clover"];
}

public static class ConnectionStatus
{
    public const string Connected = "connected";
    public const string Disconnected = "disconnected";
    public const string Error = "error";
}

/// <summary>The per-transaction prices the barber pays their own processor.</summary>
public sealed record ProcessingFees(decimal CardPresent, decimal CardNotPresent, long PerTransactionMinor)
{
    public static readonly ProcessingFees SquareStandard = new(0.026m, 0.029m, 10);

    /// <summary>Online payments are card-not-present.</summary>
    public FeeSchedule Online => new(CardNotPresent, PerTransactionMinor);
}

/// <summary>
/// A barber's connection to their own processor, kept in their ledger partition. <see cref="ProtectedCredentials"/>
/// is the AES-GCM-sealed connection config (access token, location): never returned, never logged.
/// </summary>
public sealed record ProcessorConnection(
    int Id,
    int BarberId,
    string ProcessorType,
    string AccountId,
    string? AccountName,
    string Status,
    string ProtectedCredentials,
    string? LocationId,
    string DefaultCurrency,
    ProcessingFees Fees,
    DateTimeOffset ConnectedAt,
    bool SupportsPayments = true,
    bool SupportsRefunds = true,
    bool SupportsRecurring = false,
    bool WebhookNotifications = true,
    DateTimeOffset? LastSyncAt = null,
    DateTimeOffset? LastTransactionAt = null,
    int TotalTransactions = 0,
    long TotalVolumeMinor = 0,
    DateTimeOffset? DisconnectedAt = null);

/// <summary>The barber's Stripe Connect account on the platform: where centralized payments are transferred.</summary>
public sealed record PlatformAccount(int BarberId, string StripeAccountId, bool ChargesEnabled, DateTimeOffset ConnectedAt);
