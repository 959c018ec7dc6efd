namespace BookedBarber.Payments.Collections;

/// <summary>Who asked for a collection run: the timer, an operator, a due date, dunning, or the stuck-charge sweep.</summary>
public static class CollectionTriggers
{
    public const string Schedule = "schedule";
    public const string Operator = "operator";
    public const string Due = "due";
    public const string Retry = "retry";
    public const string Sweep = "sweep";
}
