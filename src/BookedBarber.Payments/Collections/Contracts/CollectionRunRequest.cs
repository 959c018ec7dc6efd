namespace BookedBarber.Payments.Collections;

/// <summary>Body of <c>POST /internal/collections/run</c>: the barbers to collect now and the cutoff (<c>"now"</c> or a date-time not in the future).</summary>
public sealed record CollectionRunRequest(IReadOnlyList<int>? BarberIds, string? Cutoff);
