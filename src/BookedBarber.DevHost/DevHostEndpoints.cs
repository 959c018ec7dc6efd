using System.Text.Json;
using System.Text.Json.Serialization;

namespace BookedBarber.DevHost;

/// <summary>
/// Where a running dev host answers: its API base and its processor simulators' base (null with real processor keys).
/// Written to <c>{data dir}/simulators.json</c> when it starts, read by <c>./dev.sh simulate</c>.
/// </summary>
public sealed record DevHostEndpoints(
    [property: JsonPropertyName("api")] string Api,
    [property: JsonPropertyName("simulators")] string? Simulators)
{
    public const string FileName = "simulators.json";

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    public void Save(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        File.WriteAllText(PathIn(dataDirectory), JsonSerializer.Serialize(this));
    }

    public static DevHostEndpoints Load(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        if (!File.Exists(path))
            throw new InvalidOperationException($"No running dev host found ({path} is missing): start one with ./dev.sh first.");
        return JsonSerializer.Deserialize<DevHostEndpoints>(File.ReadAllText(path))
            ?? throw new InvalidOperationException($"{path} is empty: restart ./dev.sh.");
    }
}
