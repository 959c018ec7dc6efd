using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Processing;

/// <summary>
/// One charge to make at a processor. <see cref="IdempotencyKey"/> makes a retry of it never charge twice; with
/// <see cref="SaveForClientId"/> the card is saved for that client (Stripe only).
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
    int? SaveForClientId = null);
