using System.Text.Json;

namespace BookedBarber.Functions.AdapterTests;

/// <summary>Reads the worker SDK's <c>functions.metadata</c>: from the Functions project's build output, or any text.</summary>
public static class FunctionsMetadata
{
    public static IReadOnlyList<GeneratedFunction> ReadBuilt()
    {
        var path = FunctionsBuild.MetadataPath;
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path} does not exist: the Functions project is built before these tests (ProjectReference), so its SDK did not generate it.");
        return Read(File.ReadAllText(path));
    }

    public static IReadOnlyList<GeneratedFunction> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(Function).ToList();
    }

    private static GeneratedFunction Function(JsonElement function)
    {
        var triggers = function.GetProperty("bindings").EnumerateArray()
            .Where(b => String(b, "type")?.EndsWith("Trigger", StringComparison.Ordinal) == true)
            .ToList();
        var name = String(function, "name") ?? "(unnamed)";
        var entryPoint = String(function, "entryPoint") ?? "(no entry point)";
        if (triggers is not [var trigger])
            return new GeneratedFunction(name, entryPoint, triggers.Count == 0 ? "(none)" : string.Join(", ", triggers.Select(t => String(t, "type"))));
        return new GeneratedFunction(name, entryPoint, String(trigger, "type")!)
        {
            AuthLevel = String(trigger, "authLevel"),
            Methods = trigger.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Array
                ? methods.EnumerateArray().Select(m => m.GetString() ?? "").ToList()
                : [],
            Route = String(trigger, "route"),
            QueueName = String(trigger, "queueName"),
            Connection = String(trigger, "connection"),
            Schedule = String(trigger, "schedule"),
        };
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
