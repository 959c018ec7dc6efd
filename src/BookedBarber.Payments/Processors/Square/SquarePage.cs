namespace BookedBarber.Payments.Processors.Square;

/// <summary>One page of a Square list call and the cursor of the next one (null on the last page).</summary>
public sealed record SquarePage<T>(IReadOnlyList<T> Values, string? Cursor);
