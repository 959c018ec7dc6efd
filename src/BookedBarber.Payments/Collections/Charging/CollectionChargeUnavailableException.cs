namespace BookedBarber.Payments.Collections;

/// <summary>Stripe could not be asked (timeout, 5xx, 429, the key still in use): nothing is known, try again later.</summary>
public sealed class CollectionChargeUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
