namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>One clause of Stripe's search query language: <c>field:'value'</c> or <c>metadata['key']:'value'</c> (exact match).</summary>
internal sealed record StripeSearchClause(string Field, string? Key, string Value)
{
    public bool Matches(string? actual) => actual == Value;
}
