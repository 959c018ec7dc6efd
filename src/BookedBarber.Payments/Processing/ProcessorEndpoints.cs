
namespace BookedBarber.Payments.Processing;

/// <summary>Where the processors are: the real APIs in production, the simulators locally (base URLs only).</summary>
public sealed record ProcessorEndpoints(string? PlatformStripeSecretKey, string? StripeApiBase, Uri SquareBaseAddress);
