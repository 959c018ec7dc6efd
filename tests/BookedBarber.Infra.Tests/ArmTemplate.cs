using System.Text.Json.Nodes;

namespace BookedBarber.Infra.Tests;

/// <summary>A resource in the compiled template, with the chain of module deployments it sits in ("" at the top).</summary>
public sealed record ArmResource(string Type, JsonObject Node, string Module)
{
    public JsonObject Properties => Node["properties"]?.AsObject() ?? [];

    public string Name => Node["name"]?.ToString() ?? "";
}

/// <summary>
/// The ARM JSON that <c>bicep build</c> emits. Bicep modules become nested <c>Microsoft.Resources/deployments</c>
/// with an inline template, so resources are found by walking those. Values computed at deployment time stay
/// expression strings ("[...]"); tests assert on literals and on what those expressions reference.
/// </summary>
public sealed class ArmTemplate(JsonObject root)
{
    public const string DeploymentType = "Microsoft.Resources/deployments";

    public JsonObject Root => root;

    public IReadOnlyList<ArmResource> Resources { get; } = Walk(root, "").ToList();

    public IEnumerable<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public ArmResource Single(string type)
    {
        var matches = OfType(type).ToList();
        Assert.True(matches.Count == 1, $"Expected one {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>A module deployment by its (literal) deployment name.</summary>
    public ArmResource Module(string name) =>
        OfType(DeploymentType).SingleOrDefault(d => d.Name == name)
        ?? throw new InvalidOperationException($"No module deployment named '{name}'.");

    /// <summary>The value a module passes for one of its parameters (a literal or an expression string).</summary>
    public string ModuleParameter(string module, string parameter) =>
        Module(module).Properties["parameters"]?[parameter]?["value"]?.ToString()
        ?? throw new InvalidOperationException($"Module '{module}' gets no parameter '{parameter}'.");

    private static IEnumerable<ArmResource> Walk(JsonObject template, string module)
    {
        // Language version 2.0 templates key resources by symbolic name; earlier ones list them.
        var resources = template["resources"] switch
        {
            JsonArray list => list.OfType<JsonObject>(),
            JsonObject byName => byName.Select(kv => kv.Value).OfType<JsonObject>(),
            _ => [],
        };
        foreach (var resource in resources)
        {
            var type = resource["type"]?.ToString() ?? "";
            var current = new ArmResource(type, resource, module);
            yield return current;
            if (type == DeploymentType && resource["properties"]?["template"] is JsonObject nested)
                foreach (var inner in Walk(nested, module.Length == 0 ? current.Name : $"{module}/{current.Name}"))
                    yield return inner;
        }
    }
}
