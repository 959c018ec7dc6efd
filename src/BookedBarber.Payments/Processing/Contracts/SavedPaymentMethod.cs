namespace BookedBarber.Payments.Processing;

/// <summary>
/// What <c>save_payment_method</c> saved (an addition to the reference's process response): the processor that holds the
/// card, the saved payment method's id there, and the customer it is saved under.
/// </summary>
public sealed record SavedPaymentMethod(string Processor, string Id, string? CustomerId);
