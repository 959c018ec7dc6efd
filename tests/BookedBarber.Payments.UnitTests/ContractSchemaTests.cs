using BookedBarber.Payments.Http;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BookedBarber.Payments.Analytics;
using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Docs;
using BookedBarber.Payments.Processing;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.UnitTests;

/// <summary>
/// The contract's request and response DTOs: every operation of the API reference has a real schema in the OpenAPI
/// document, and the reference's JSON examples round-trip through the DTOs with exactly the same field names.
/// </summary>
public sealed class ContractSchemaTests
{
    private static readonly JsonObject Document = JsonNode.Parse(OpenApiDocument.JsonText)!.AsObject();

    private static readonly IEnumerable<EndpointEntry> ContractEntries = AppCatalog.Endpoints.Where(e => !e.Extension);

    [Fact]
    public void EveryContractOperation_HasAResponseSchemaWithProperties()
    {
        foreach (var entry in ContractEntries)
        {
            Assert.True(entry.ResponseType is not null, $"{entry.Name} has no ResponseType");
            var schema = Document["paths"]!["/" + entry.Route]![entry.Method.ToLowerInvariant()]!["responses"]!
                [entry.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)]!["content"]!["application/json"]!["schema"]!;
            var properties = Resolve(schema)["properties"]?.AsObject();
            Assert.True(properties is { Count: > 0 }, $"{entry.Name}: response schema has no properties");
        }
    }

    [Fact]
    public void EveryJsonBodyOperation_HasARequestSchemaWithProperties_AndRawBodiesHaveNone()
    {
        foreach (var entry in ContractEntries.Where(e => e.Body != BodyKind.None))
        {
            var schema = Document["paths"]!["/" + entry.Route]![entry.Method.ToLowerInvariant()]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
            if (entry.Body == BodyKind.Raw)
            {
                Assert.Null(entry.RequestType);
                continue;
            }
            Assert.True(entry.RequestType is not null, $"{entry.Name} has no RequestType");
            var properties = Resolve(schema)["properties"]?.AsObject();
            Assert.True(properties is { Count: > 0 }, $"{entry.Name}: request schema has no properties");
        }
    }

    [Fact]
    public void RequestProperties_AreAllNullable_SoHandlersReportTheMissingField()
    {
        var context = new NullabilityInfoContext();
        foreach (var type in ContractEntries.Select(e => e.RequestType).OfType<Type>().SelectMany(Reachable).Distinct())
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var nullable = Nullable.GetUnderlyingType(property.PropertyType) is not null
                    || (!property.PropertyType.IsValueType && context.Create(property).ReadState == NullabilityState.Nullable);
                Assert.True(nullable, $"{type.Name}.{property.Name} should be nullable in a request");
            }
    }

    [Fact]
    public void SchemaNames_AreUniqueAcrossEveryContractType()
    {
        var types = AppCatalog.Endpoints.SelectMany(e => new[] { e.RequestType, e.ResponseType }).OfType<Type>()
            .SelectMany(Reachable).Distinct().ToList();
        var duplicates = types.GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "Duplicate schema names: " + string.Join(", ", duplicates));
    }

    [Fact]
    public void ConnectionCredentials_AreWriteOnly_NeverInAResponseSchema_NorPrinted()
    {
        foreach (var entry in ContractEntries.Where(e => e.ResponseType is not null))
        {
            Assert.DoesNotContain(typeof(ConnectionConfig), Reachable(entry.ResponseType!));
            var text = Document["components"]!["schemas"]![entry.ResponseType!.Name]!.ToJsonString();
            Assert.DoesNotContain("access_token", text);
            Assert.DoesNotContain("connection_config", text);
        }

        var config = new ConnectionConfig { AccessToken = "EAAAE-secret", LocationId = "L123", SecretKey = "sk_live_secret" };
        Assert.DoesNotContain("secret", config.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("EAAAE", new CreateConnectionRequest { ProcessorType = "square", ConnectionConfig = config }.ToString());
    }

    [Fact]
    public void ContractSchemas_AreSnakeCase_WithNumberAmounts_AndOptionalRequestFields()
    {
        var process = Document["components"]!["schemas"]!["ProcessPaymentResponse"]!["properties"]!.AsObject();
        Assert.True(process.ContainsKey("payment_id") && process.ContainsKey("processed_at") && process.ContainsKey("routing_details"));
        Assert.False(process.ContainsKey("PaymentId"));
        Assert.Equal("number", process["amount"]!["type"]!.GetValue<string>());
        Assert.Equal("integer", process["routing_details"]!["properties"]!["connection_id"]!["type"]![0]!.GetValue<string>());

        // Request fields are all optional in the schema: the handler reports which one is missing.
        foreach (var entry in ContractEntries.Where(e => e.RequestType is not null))
            Assert.Null(Document["components"]!["schemas"]![entry.RequestType!.Name]!["required"]);
    }

    public static TheoryData<string, Type, string> Examples() => new()
    {
        { "process request", typeof(ProcessPaymentRequest), ProcessRequestExample },
        { "process response", typeof(ProcessPaymentResponse), ProcessResponseExample },
        { "route response", typeof(RoutePaymentResponse), RouteResponseExample },
        { "connections list", typeof(ListConnectionsResponse), ConnectionsListExample },
        { "my-collections", typeof(MyCollectionsResponse), MyCollectionsExample },
        { "dashboard", typeof(DashboardResponse), DashboardExample },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void ContractExample_RoundTripsWithTheSameFieldNames(string name, Type type, string json) => AssertRoundTrips(name, type, json);

    /// <summary>Every JSON example of the API reference, against the catalog entry's request or response type.</summary>
    [Fact]
    public void EveryExampleOfTheApiReference_RoundTrips_WhenItIsBesideTheRepo()
    {
        var reference = FindReference();
        if (reference is null) return; // shared/ is not beside every clone; CI has it
        var sections = Regex.Split(File.ReadAllText(reference), @"### \*\*(GET|POST|PUT|DELETE)\*\* `/([^`]+)`");
        var checkedExamples = 0;
        for (var i = 1; i + 2 < sections.Length; i += 3)
        {
            var entry = AppCatalog.Endpoints.Single(e => e.Method == sections[i] && e.Route == sections[i + 1]);
            foreach (var (heading, type) in new[] { ("Request Body", entry.RequestType), ("Response", entry.ResponseType) })
            {
                var match = Regex.Match(sections[i + 2], "#### " + heading + "\\n```json\\n(.*?)```", RegexOptions.Singleline);
                if (!match.Success) continue;
                Assert.True(type is not null, $"{entry.Name}: the reference shows a {heading} but the entry has no type");
                AssertRoundTrips($"{entry.Name} {heading}", type!, match.Groups[1].Value);
                checkedExamples++;
            }
        }
        Assert.True(checkedExamples >= 25, $"only {checkedExamples} examples found in the reference");
    }

    /// <summary>Fields we add to the reference's responses, documented in the README (the tip and saved card of a payment, a connection's token and webhook).</summary>
    private static readonly string[] Extensions =
        ["tip_amount", "saved_payment_method", "health_status.token_status", "health_status.token_expires_at", "health_status.webhook_configured",
        // A collection's retries, netting, credits and operator flag (README "Commission collections: reading them").
        "collections[].retry_attempt", "collections[].netted_amount", "collections[].credit_amount",
        "netted_amount", "credit_amount", "needs_operator"];

    private static void AssertRoundTrips(string name, Type type, string json)
    {
        var value = JsonSerializer.Deserialize(json, type, Http.Json.Options);
        Assert.NotNull(value);
        var written = JsonSerializer.Serialize(value, type, Http.Json.Options);
        var expected = Paths(JsonNode.Parse(json)).Order().ToList();
        // Every field is written (null when unknown): a null the example does not show is an optional field left unset.
        var actual = Paths(JsonNode.Parse(written)).Except(Extensions).Except(NullPaths(JsonNode.Parse(written)).Except(expected)).Order().ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"{name}: missing {string.Join(", ", expected.Except(actual))}; extra {string.Join(", ", actual.Except(expected))}");
    }

    /// <summary>Every property path of a JSON document ("routing_details.processor", "connections[].id").</summary>
    private static HashSet<string> Paths(JsonNode? node, string prefix = "")
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    var path = prefix.Length == 0 ? key : prefix + "." + key;
                    paths.Add(path);
                    paths.UnionWith(Paths(child, path));
                }
                break;
            case JsonArray array:
                foreach (var item in array) paths.UnionWith(Paths(item, prefix + "[]"));
                break;
        }
        return paths;
    }

    private static HashSet<string> NullPaths(JsonNode? node, string prefix = "")
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    var path = prefix.Length == 0 ? key : prefix + "." + key;
                    if (child is null) paths.Add(path);
                    else paths.UnionWith(NullPaths(child, path));
                }
                break;
            case JsonArray array:
                foreach (var item in array) paths.UnionWith(NullPaths(item, prefix + "[]"));
                break;
        }
        return paths;
    }

    private static JsonNode Resolve(JsonNode schema) =>
        schema["$ref"] is { } reference
            ? Document["components"]!["schemas"]![reference.GetValue<string>().Split('/')[^1]]!
            : schema;

    /// <summary>A DTO and every record type it contains, through properties, lists and dictionaries.</summary>
    private static IEnumerable<Type> Reachable(Type root)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([root]);
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsGenericType) { foreach (var argument in type.GetGenericArguments()) pending.Push(argument); continue; }
            if (type.Assembly != typeof(AppCatalog).Assembly || !seen.Add(type)) continue;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)) pending.Push(property.PropertyType);
        }
        return seen;
    }

    private static string? FindReference()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "seeds", "001_08fcbccfdbfe77d3.txt");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private const string ProcessRequestExample = """
        {
          "appointment_id": 123,
          "amount": 75.00,
          "currency": "USD",
          "payment_method_data": {
            "card_token": "tok_1234567890",
            "save_payment_method": true
          },
          "client_preference": "external",
          "metadata": {
            "service_type": "haircut",
            "client_notes": "VIP client"
          }
        }
        """;

    private const string ProcessResponseExample = """
        {
          "payment_id": "pi_1234567890abcdef",
          "payment_type": "external",
          "status": "completed",
          "amount": 75.00,
          "currency": "USD",
          "processing_fee": 2.18,
          "net_amount": 72.82,
          "commission_amount": 15.00,
          "commission_collected": false,
          "routing_decision": "external",
          "external_processor": "square",
          "processed_at": "2025-07-22T14:30:00Z",
          "routing_details": {
            "processor": "square",
            "connection_id": 5,
            "fallback_available": true,
            "processing_time": "1.2s"
          }
        }
        """;

    private const string RouteResponseExample = """
        {
          "routing_decision": "centralized",
          "recommended_processor": "platform",
          "routing_details": {
            "payment_mode": "centralized",
            "processor": "stripe_platform",
            "commission_rate": 20.0,
            "fallback_available": true
          },
          "estimated_fees": {
            "processing_fee": 2.48,
            "commission_fee": 15.00,
            "total_fees": 17.48,
            "net_amount": 57.52
          },
          "processing_time_estimate": "Instant (real-time)"
        }
        """;

    private const string ConnectionsListExample = """
        {
          "connections": [
            {
              "id": 5,
              "processor_type": "square",
              "account_id": "L123456789",
              "account_name": "Main Square Location",
              "status": "connected",
              "supports_payments": true,
              "supports_refunds": true,
              "supports_recurring": false,
              "default_currency": "USD",
              "last_sync_at": "2025-07-22T14:00:00Z",
              "last_transaction_at": "2025-07-22T13:45:00Z",
              "total_transactions": 156,
              "total_volume": 7800.00,
              "connected_at": "2025-06-15T09:30:00Z"
            }
          ],
          "total_connections": 1,
          "supported_processors": ["stripe", "square", "paypal", "clover"]
        }
        """;

    private const string MyCollectionsExample = """
        {
          "collections": [
            {
              "id": 567,
              "amount": 75.00,
              "collection_type": "commission",
              "status": "collected",
              "external_transaction_ids": ["sq_123", "sq_456", "sq_789"],
              "commission_rate": 20.0,
              "due_date": "2025-07-22T00:00:00Z",
              "collection_method": "stripe_connect",
              "collected_at": "2025-07-22T14:00:00Z",
              "created_at": "2025-07-21T00:00:00Z"
            }
          ],
          "summary": {
            "total_collections": 45,
            "total_amount": 2250.00,
            "pending_amount": 150.00,
            "collected_amount": 2100.00,
            "failed_amount": 0.00
          },
          "pagination": {
            "limit": 50,
            "offset": 0,
            "has_more": false
          }
        }
        """;

    private const string DashboardExample = """
        {
          "today": {
            "total_transactions": 8,
            "total_volume": 400.00,
            "total_net_earnings": 320.00,
            "centralized_volume": 150.00,
            "external_volume": 250.00,
            "commission_activity": 50.00
          },
          "month_to_date": {
            "total_transactions": 156,
            "total_volume": 7800.00,
            "total_net_earnings": 6240.00,
            "success_rate": 98.4,
            "average_transaction": 50.00
          },
          "outstanding_commission": {
            "pending_collections": 3,
            "total_amount": 150.00,
            "next_collection_date": "2025-07-29T00:00:00Z"
          },
          "recent_transactions": [
            {
              "id": 1234,
              "amount": 75.00,
              "payment_type": "external",
              "processor": "square",
              "status": "completed",
              "processed_at": "2025-07-22T13:45:00Z"
            }
          ],
          "last_updated": "2025-07-22T14:30:00Z"
        }
        """;
}
