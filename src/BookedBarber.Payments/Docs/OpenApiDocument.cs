using BookedBarber.Payments.Http;
using BookedBarber.Payments.Errors;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.RateLimiting;

namespace BookedBarber.Payments.Docs;

/// <summary>Builds the OpenAPI 3 document from the endpoint catalog: paths, parameters, schemas, errors, permissions.</summary>
public static class OpenApiDocument
{
    private static readonly Lazy<string> Cached = new(() => Build(AppCatalog.Endpoints).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

    public static string JsonText => Cached.Value;

    public static JsonObject Build(IEnumerable<EndpointEntry> endpoints)
    {
        var schemas = new JsonObject { ["ErrorEnvelope"] = ErrorEnvelopeSchema() };
        var paths = new JsonObject();
        foreach (var group in endpoints.GroupBy(e => "/" + e.Route))
        {
            var item = new JsonObject();
            foreach (var entry in group) item[entry.Method.ToLowerInvariant()] = Operation(entry, schemas);
            paths[group.Key] = item;
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "BookedBarber Hybrid Payments API",
                ["version"] = "1.0.0",
                ["description"] = "Routes, processes and reports barbers' payments through the platform (Stripe Connect) or their own processor. "
                    + "Amounts are decimals in the currency's units; field names are snake_case; every failure uses the error envelope.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" + RouteTable.Prefix }),
            ["tags"] = new JsonArray(endpoints.Select(e => e.Tag).Distinct().Select(t => (JsonNode)new JsonObject { ["name"] = t }).ToArray()),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["bearerAuth"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" },
                },
                ["schemas"] = schemas,
            },
        };
    }

    private static JsonObject Operation(EndpointEntry entry, JsonObject schemas)
    {
        var operation = new JsonObject
        {
            ["operationId"] = entry.Name,
            ["tags"] = new JsonArray(entry.Tag),
            ["summary"] = entry.Summary,
            ["x-permission"] = entry.Permission,
            ["x-rate-limit-category"] = entry.RateLimit == RateLimitCategory.None ? null : RateLimitPolicy.SettingSuffix(entry.RateLimit),
            ["x-rate-limit-per-hour"] = entry.RateLimit == RateLimitCategory.None ? null : RateLimitPolicy.DefaultLimit(entry.RateLimit),
            ["x-implemented"] = entry.Shipped,
            ["security"] = entry.Anonymous ? new JsonArray() : new JsonArray(new JsonObject { ["bearerAuth"] = new JsonArray() }),
        };

        var parameters = new JsonArray();
        foreach (var name in RouteParameters(entry.Route))
            parameters.Add(Parameter(name, "path", "integer", required: true, $"{name.Replace('_', ' ')}", null));
        foreach (var q in entry.Query)
            parameters.Add(Parameter(q.Name, "query", q.Type, required: false, q.Description, q.Default));
        foreach (var (name, description) in entry.Signature.HeaderParameters)
            parameters.Add(Parameter(name, "header", "string", required: false, description ?? name, null));
        if (parameters.Count > 0) operation["parameters"] = parameters;

        if (entry.Body != BodyKind.None)
        {
            var schema = entry.RequestType is { } requestType ? SchemaRef(requestType, schemas) : new JsonObject { ["type"] = "object" };
            // Webhook bodies are the processors' own JSON, read raw for signature checks.
            const string mediaType = "application/json";
            operation["requestBody"] = new JsonObject
            {
                ["required"] = entry.Body == BodyKind.Json,
                ["content"] = new JsonObject { [mediaType] = new JsonObject { ["schema"] = schema } },
            };
        }

        var responses = new JsonObject();
        foreach (var (status, body) in entry.Signature.Responses.DefaultIfEmpty((entry.SuccessStatus, null)))
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["description"] = status == 201 ? "Created" : "Success",
                ["content"] = new JsonObject
                {
                    ["application/json"] = new JsonObject
                    {
                        ["schema"] = body is { } responseType ? SchemaRef(responseType, schemas) : new JsonObject { ["type"] = "object" },
                    },
                },
            };
        foreach (var codes in ErrorCodesOf(entry).Concat(entry.ErrorStatuses.Keys).Distinct().GroupBy(entry.StatusOf).OrderBy(g => g.Key))
            responses[codes.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["description"] = string.Join("; ", codes.Select(c => $"{c}: {ErrorCodes.All[c].Description}")),
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/ErrorEnvelope" } } },
            };
        operation["responses"] = responses;
        return operation;
    }

    /// <summary>The codes an endpoint can answer: those of the pipeline for its kind, then its own (the catalog's).</summary>
    private static IEnumerable<string> ErrorCodesOf(EndpointEntry entry)
    {
        var codes = new List<string> { ErrorCodes.ValidationError, ErrorCodes.NotFound, ErrorCodes.InternalError };
        if (!entry.Anonymous) codes.AddRange([ErrorCodes.Unauthorized, ErrorCodes.InsufficientPermissions]);
        if (entry.RateLimit != RateLimitCategory.None) codes.Add(ErrorCodes.RateLimitExceeded);
        if (entry.Body != BodyKind.None) codes.Add(ErrorCodes.PayloadTooLarge);
        if (entry.Body == BodyKind.Json) codes.AddRange([ErrorCodes.InvalidJson, ErrorCodes.UnsupportedMediaType]);
        if (!entry.Shipped) codes.Add(ErrorCodes.NotImplemented);
        return codes.Concat(entry.Errors).Distinct();
    }

    private static JsonObject Parameter(string name, string location, string type, bool required, string description, string? defaultValue)
    {
        var schema = type switch
        {
            "date-time" => new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            "number" => new JsonObject { ["type"] = "number", ["format"] = "decimal" },
            _ => new JsonObject { ["type"] = type },
        };
        if (defaultValue is not null) schema["default"] = defaultValue;
        return new JsonObject { ["name"] = name, ["in"] = location, ["required"] = required, ["description"] = description, ["schema"] = schema };
    }

    private static JsonObject SchemaRef(Type type, JsonObject schemas)
    {
        if (!schemas.ContainsKey(type.Name))
        {
            var node = Json.Options.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions
            {
                TreatNullObliviousAsNonNullable = true,
                TransformSchemaNode = Describe,
            });
            schemas[type.Name] = node;
        }
        return new JsonObject { ["$ref"] = $"#/components/schemas/{type.Name}" };
    }

    // Our converters write timestamps as UTC strings, decimals as numbers and Optional<T> as T; the exporter cannot see through converters.
    // Properties that may be null are never written (nulls are omitted), so they are not required.
    private static JsonNode Describe(JsonSchemaExporterContext context, JsonNode schema)
    {
        var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
        if (type == typeof(DateTimeOffset)) return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        if (type == typeof(decimal)) return new JsonObject { ["type"] = context.TypeInfo.Type == type ? "number" : new JsonArray("number", "null") };
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Http.Optional<>))
            return Json.Options.GetJsonSchemaAsNode(type.GetGenericArguments()[0], new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = Describe });
        if (schema is JsonObject obj && obj["required"] is JsonArray required && obj["properties"] is JsonObject properties)
        {
            foreach (var name in required.Select(r => r!.GetValue<string>()).ToList())
                if (properties[name] is JsonObject property && MayBeNull(property)) required.Remove(required.First(r => r!.GetValue<string>() == name));
            if (required.Count == 0) obj.Remove("required");
        }
        return schema;
    }

    private static bool MayBeNull(JsonObject property) =>
        property["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null");

    private static JsonObject ErrorEnvelopeSchema() => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray("error"),
        ["properties"] = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("code", "message", "details", "timestamp", "request_id"),
                ["properties"] = new JsonObject
                {
                    ["code"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(ErrorCodes.All.Keys.Select(k => (JsonNode)k).ToArray()) },
                    ["message"] = new JsonObject { ["type"] = "string" },
                    ["details"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = true },
                    ["timestamp"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                    ["request_id"] = new JsonObject { ["type"] = "string" },
                },
            },
        },
    };

    private static IEnumerable<string> RouteParameters(string route) =>
        route.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => s[1..^1]);
}
