namespace BookedBarber.Payments.Http;

/// <summary>Marks the stand-in handler of a contract route whose capability has not shipped: it answers 501 before binding.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NotShippedAttribute : Attribute;
