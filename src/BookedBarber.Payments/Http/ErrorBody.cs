
namespace BookedBarber.Payments.Http;

public sealed record ErrorBody(
    string Code,
    string Message,
    IReadOnlyDictionary<string, object?> Details,
    DateTimeOffset Timestamp,
    string RequestId);
