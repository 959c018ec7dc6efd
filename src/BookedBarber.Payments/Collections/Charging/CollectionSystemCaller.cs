using BookedBarber.Payments.Security;

namespace BookedBarber.Payments.Collections;

/// <summary>Who the audit trail names for what timers and queues do on their own (no user asked): user 0, role <c>system</c>.</summary>
public static class CollectionSystemCaller
{
    public const string Role = "system";

    public static readonly Caller Instance = new(0, null, Role, new HashSet<string>(), null);
}
