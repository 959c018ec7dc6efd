namespace BookedBarber.Payments.Connections;

/// <summary>The platform collection that carries this transaction's commission; absent until one is created.</summary>
public sealed record TransactionCommissionCollection(
    long CollectionId,
    decimal CommissionAmount,
    string CollectionStatus);
