namespace BookedBarber.Payments.Analytics;

/// <summary>
/// One recent payment, from either route. <c>id</c> is the external transaction's id (as in
/// <c>/external-payments/transactions</c>); a payment charged on the platform has no integer id, so its <c>id</c> is
/// null. <c>payment_id</c> (an extension) is the processor's payment id, the <c>payment_id</c> that
/// <c>POST /hybrid-payments/process</c> answered with.
/// </summary>
public sealed record DashboardTransaction(
    long? Id,
    decimal Amount,
    string PaymentType,
    string Processor,
    string Status,
    DateTimeOffset ProcessedAt,
    string? PaymentId = null,
    string? Currency = null);
