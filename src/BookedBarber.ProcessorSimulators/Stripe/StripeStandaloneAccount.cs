namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>A barber's own Stripe account as the simulator opened it: its id and the secret key that reaches it.</summary>
public sealed record StripeStandaloneAccount(string Id, string SecretKey);
