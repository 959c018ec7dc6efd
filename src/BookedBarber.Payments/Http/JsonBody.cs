using BookedBarber.Payments.Errors;
using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace BookedBarber.Payments.Http;

/// <summary>
/// Reads a request body as JSON within the size limit, telling malformed JSON (400 INVALID_JSON) apart from
/// well-formed JSON of the wrong shape (400 VALIDATION_ERROR naming the field).
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 1024 * 1024;

    public static bool IsJsonContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return false;
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    public static DomainException TooLarge() =>
        new(ErrorCodes.PayloadTooLarge, $"The request body is larger than {MaxBytes} bytes.",
            new Dictionary<string, object?> { ["max_bytes"] = MaxBytes });

    /// <summary>Reads the raw body, failing with 413 past the limit whatever Content-Length claims.</summary>
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes) throw TooLarge();
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var n ? (int)n : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0) break;
            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBytes) throw TooLarge();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(request, cancellationToken);
        return Parse<T>(bytes);
    }

    public static T Parse<T>(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty || bytes.Trim(" \t\r\n"u8).IsEmpty)
            throw new DomainException(ErrorCodes.ValidationError, "A JSON request body is required.",
                new Dictionary<string, object?> { ["field"] = "body", ["reason"] = "required" });

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new DomainException(ErrorCodes.InvalidJson, "The request body is not valid JSON.",
                new Dictionary<string, object?> { ["line"] = ex.LineNumber + 1, ["position"] = ex.BytePositionInLine });
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new DomainException(ErrorCodes.ValidationError, "The request body must be a JSON object.",
                    new Dictionary<string, object?> { ["field"] = "body", ["reason"] = "must be an object" });
            RejectDuplicateKeys(document.RootElement, null);
            try
            {
                return document.RootElement.Deserialize<T>(Json.Options)
                    ?? throw new DomainException(ErrorCodes.ValidationError, "The request body must be a JSON object.",
                        new Dictionary<string, object?> { ["field"] = "body" });
            }
            catch (JsonException ex)
            {
                var field = FieldFromPath(ex.Path);
                throw new DomainException(ErrorCodes.ValidationError, $"Field '{field}' has the wrong type or value.",
                    new Dictionary<string, object?> { ["field"] = field, ["reason"] = "wrong type" });
            }
        }
    }

    /// <summary>
    /// A key given twice is refused, never settled by "last one wins": a proxy or a signature check may read the first
    /// one while we would read the last (<c>{"amount":1.00,"amount":80.00}</c>).
    /// </summary>
    private static void RejectDuplicateKeys(JsonElement element, string? path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var field = path is null ? property.Name : $"{path}.{property.Name}";
                    if (!seen.Add(property.Name))
                        throw new DomainException(ErrorCodes.ValidationError, $"Field '{field}' is given more than once.",
                            new Dictionary<string, object?> { ["field"] = field, ["reason"] = "duplicate key" });
                    RejectDuplicateKeys(property.Value, field);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray()) RejectDuplicateKeys(item, $"{path}[{index++}]");
                break;
        }
    }

    private static string FieldFromPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}
