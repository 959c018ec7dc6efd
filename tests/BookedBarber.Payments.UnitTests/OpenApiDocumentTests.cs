using System.Text.Json.Nodes;
using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.Docs;

namespace BookedBarber.Payments.UnitTests;

public sealed class OpenApiDocumentTests
{
    private static readonly JsonObject Document = JsonNode.Parse(OpenApiDocument.JsonText)!.AsObject();

    [Fact]
    public void EveryCatalogEndpoint_IsAnOperation_WithItsPathParametersAndErrors()
    {
        Assert.Equal("3.1.0", Document["openapi"]!.GetValue<string>());
        foreach (var entry in AppCatalog.Endpoints)
        {
            var operation = Document["paths"]!["/" + entry.Route]?[entry.Method.ToLowerInvariant()];
            Assert.True(operation is not null, $"{entry.Method} /{entry.Route} is missing from the OpenAPI document");
            Assert.Equal(entry.Name, operation!["operationId"]!.GetValue<string>());
            var parameters = operation["parameters"]?.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToHashSet() ?? [];
            foreach (var segment in entry.Route.Split('/').Where(s => s.StartsWith('{')))
                Assert.Contains(segment.Trim('{', '}'), parameters);
            foreach (var query in entry.Query) Assert.Contains(query.Name, parameters);
            var responses = operation["responses"]!.AsObject();
            Assert.True(responses.ContainsKey("500"));
            if (!entry.Anonymous) Assert.True(responses.ContainsKey("401") && responses.ContainsKey("403"));
            if (!entry.Shipped) Assert.True(responses.ContainsKey("501"));
            Assert.Equal("#/components/schemas/ErrorEnvelope", responses["500"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        }
    }

    [Fact]
    public void RequestAndResponseTypes_HaveSnakeCaseSchemas()
    {
        var schema = Document["components"]!["schemas"]!["AppointmentUpsertRequest"]!["properties"]!.AsObject();
        Assert.True(schema.ContainsKey("barber_id"));
        Assert.True(schema.ContainsKey("start_time"));
        Assert.False(schema.ContainsKey("BarberId"));
    }

    [Fact]
    public void Timestamps_AreDateTimeStrings_AndOptionalFieldsAreNotRequired()
    {
        var health = Document["components"]!["schemas"]!["HealthReport"]!.AsObject();
        Assert.Equal("date-time", health["properties"]!["timestamp"]!["format"]!.GetValue<string>());
        var appointment = Document["components"]!["schemas"]!["AppointmentResponse"]!.AsObject();
        var required = appointment["required"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.Contains("barber_id", required);
        Assert.DoesNotContain("client_name", required);
    }
}
