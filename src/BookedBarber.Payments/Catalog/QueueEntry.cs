
namespace BookedBarber.Payments.Catalog;

/// <summary>A queue the application consumes, and the handler for its messages.</summary>
public sealed record QueueEntry(string Name, string Description, Type HandlerType);
