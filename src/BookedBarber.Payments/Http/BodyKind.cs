namespace BookedBarber.Payments.Http;

/// <summary>What an endpoint's request body is: none, a JSON object, or raw bytes checked by the handler (webhooks).</summary>
public enum BodyKind { None, Json, Raw }
