namespace BookedBarber.Payments.Errors;

/// <summary>
/// A failure the caller is told about: a contract error code, a message and details. Domain code raises it knowing
/// nothing of HTTP; the HTTP edge turns the code into a status (<see cref="ErrorCodes.StatusOf"/>, or the catalog entry's own for that
/// code) and the envelope.
/// </summary>
public sealed class DomainException(string code, string message, IReadOnlyDictionary<string, object?>? details = null)
    : Exception(message)
{
    public string Code { get; } = ErrorCodes.All.ContainsKey(code) ? code : throw new ArgumentException($"Unknown error code {code}.", nameof(code));

    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();

    public static DomainException Validation(string field, string message) =>
        new(ErrorCodes.ValidationError, message, new Dictionary<string, object?> { ["field"] = field, ["reason"] = message });

    public static DomainException NotFound(string resource, object id) =>
        new(ErrorCodes.NotFound, $"{resource} {id} was not found.", new Dictionary<string, object?> { ["resource"] = resource, ["id"] = id });
}
