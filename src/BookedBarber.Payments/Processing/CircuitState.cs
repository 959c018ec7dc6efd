
namespace BookedBarber.Payments.Processing;

/// <summary>A processor's circuit as every instance sees it. <see cref="HalfOpen"/> is an open circuit whose open period has ended.</summary>
public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}
