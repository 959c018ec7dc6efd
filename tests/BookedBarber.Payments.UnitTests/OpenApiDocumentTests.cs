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

    [Fact]
    public void Process_DocumentsItsIdempotencyKeyHeader_AndItsConflictDeclineAndProcessorErrors()
    {
        var operation = Document["paths"]!["/hybrid-payments/process"]!["post"]!;
        var header = operation["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "Idempotency-Key")!;
        Assert.Equal(("header", false), (header["in"]!.GetValue<string>(), header["required"]!.GetValue<bool>()));
        Assert.Equal("string", header["schema"]!["type"]!.GetValue<string>());

        var responses = operation["responses"]!.AsObject();
        Assert.Equal(["200", "400", "401", "403", "404", "409", "413", "415", "422", "429", "500", "502"], responses.Select(r => r.Key).Order());
        string Description(string status) => responses[status]!["description"]!.GetValue<string>();
        foreach (var code in new[] { "APPOINTMENT_ALREADY_PAID", "PAYMENT_IN_PROGRESS", "IDEMPOTENCY_KEY_REUSED", "IDEMPOTENCY_KEY_IN_USE" })
            Assert.Contains(code, Description("409"));
        Assert.Contains("PAYMENT_DECLINED", Description("422"));
        Assert.Contains("EXTERNAL_PROCESSOR_UNAVAILABLE", Description("502"));
        Assert.Contains("EXTERNAL_API_ERROR", Description("502"));
        Assert.Contains("PAYMENT_ROUTING_FAILED", Description("400"));
        Assert.DoesNotContain("CONFLICT:", Description("409"));
    }

    [Fact]
    public void AnOperationLists_OnlyTheCodesItCanAnswer()
    {
        var route = Document["paths"]!["/hybrid-payments/route"]!["post"]!["responses"]!.AsObject();
        Assert.False(route.ContainsKey("409") || route.ContainsKey("422") || route.ContainsKey("502"));
        Assert.Contains("INVALID_PAYMENT_AMOUNT", route["400"]!["description"]!.GetValue<string>());

        var health = Document["paths"]!["/health"]!["get"]!["responses"]!.AsObject();
        Assert.Contains("SERVICE_UNAVAILABLE", health["503"]!["description"]!.GetValue<string>());
        Assert.DoesNotContain("PAYMENT_ROUTING_FAILED", health["400"]!["description"]!.GetValue<string>());
        Assert.Null(Document["paths"]!["/hybrid-payments/route"]!["post"]!["parameters"]);
    }

    [Fact]
    public void AFailedProcessorCheck_Is424OnConnectionCreateAndUpdate_And502OnPayments()
    {
        string? StatusListing(string path, string method, string code) => Document["paths"]![path]![method]!["responses"]!.AsObject()
            .FirstOrDefault(r => r.Value!["description"]!.GetValue<string>().Contains(code, StringComparison.Ordinal)).Key;

        Assert.Equal("424", StatusListing("/external-payments/connections", "post", "EXTERNAL_PROCESSOR_UNAVAILABLE"));
        Assert.Equal("424", StatusListing("/external-payments/connections/{connection_id}", "put", "EXTERNAL_PROCESSOR_UNAVAILABLE"));
        Assert.Equal("502", StatusListing("/hybrid-payments/process", "post", "EXTERNAL_PROCESSOR_UNAVAILABLE"));
        Assert.Equal("502", StatusListing("/external-payments/connections/{connection_id}/sync", "post", "EXTERNAL_PROCESSOR_UNAVAILABLE"));
    }
}
