namespace BookedBarber.Payments.Connections;

/// <summary>
/// The platform collection that carries this transaction's commission; while the commission is still in the open pool,
/// <c>collection_id</c> is null, <c>commission_amount</c> what it owes now and <c>collection_status</c> <c>open</c>.
/// </summary>
public sealed record TransactionCommissionCollection(
    long? CollectionId,
    decimal CommissionAmount,
    string CollectionStatus);
