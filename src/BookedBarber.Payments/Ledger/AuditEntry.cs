namespace BookedBarber.Payments.Ledger;

/// <summary>One change someone made to a barber's money settings: who, what, before and after.</summary>
public sealed record AuditEntry(int BarberId, int ActorId, string ActorRole, string Action, string? Before, string After, string RequestId, DateTimeOffset At);
