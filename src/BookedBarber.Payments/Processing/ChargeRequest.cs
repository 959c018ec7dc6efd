using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Processing;

/// <summary>
/// One charge to make at a processor. <see cref="IdempotencyKey"/> makes a retry of it never charge twice; with
/// <see cref="SaveForClientId"/> the card is saved for that client (Stripe only). On the platform's Stripe the application
/// fee is the commission plus <see cref="NettedCommission"/> (commission owed on outside payments, netted).
/// </summary>
public sealed record ChargeRequest(
    string AttemptId,
    string IdempotencyKey,
    Money Amount,
    Money Commission,
    string CardToken,
    int BarberId,
    int AppointmentId,
    string Description,
    int? SaveForClientId = null,
    Money? NettedCommission = null);
