namespace BookedBarber.Payments.Connections;

/// <summary>A Square webhook subscription and the key Square signs its notifications with.</summary>
public sealed record SquareSubscription(string Id, string SignatureKey)
{
    public override string ToString() => $"SquareSubscription {{ Id = {Id} }}";
}
