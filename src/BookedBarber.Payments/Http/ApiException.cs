namespace BookedBarber.Payments.Http;

/// <summary>A failure that the API reports to the caller in the contract's error envelope.</summary>
public sealed class ApiException(int status, string code, string message, IReadOnlyDictionary<string, object?>? details = null)
    : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();

    public static ApiException Validation(string field, string message) =>
        new(400, ErrorCodes.ValidationError, message, new Dictionary<string, object?> { ["field"] = field, ["reason"] = message });

    public static ApiException NotFound(string resource, object id) =>
        new(404, ErrorCodes.NotFound, $"{resource} {id} was not found.", new Dictionary<string, object?> { ["resource"] = resource, ["id"] = id });
}
