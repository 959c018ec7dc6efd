namespace BookedBarber.Payments.Connections;

/// <summary>The appointment this transaction paid for; absent when it was not matched to one.</summary>
public sealed record TransactionRelatedAppointment(
    int Id,
    string ServiceName,
    DateTimeOffset StartTime);
