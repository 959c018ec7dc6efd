using System.Text.Json;
using System.Xml;

namespace BookedBarber.DevHost;

public sealed record HostJson(string RoutePrefix, QueueHostSettings Queues)
{
    public static HostJson Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var extensions = document.RootElement.GetProperty("extensions");
        var queues = extensions.TryGetProperty("queues", out var q) ? q : default;
        return new HostJson(
            extensions.GetProperty("http").GetProperty("routePrefix").GetString()!,
            new QueueHostSettings(
                Int(queues, "batchSize", 16),
                Int(queues, "newBatchThreshold", 8),
                Span(queues, "maxPollingInterval", TimeSpan.FromMinutes(1)),
                Span(queues, "visibilityTimeout", TimeSpan.Zero),
                Int(queues, "maxDequeueCount", 5)));
    }

    private static int Int(JsonElement e, string name, int fallback) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v.GetInt32() : fallback;

    private static TimeSpan Span(JsonElement e, string name, TimeSpan fallback) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? TimeSpan.TryParse(v.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var span) ? span : XmlConvert.ToTimeSpan(v.GetString()!)
            : fallback;
}
