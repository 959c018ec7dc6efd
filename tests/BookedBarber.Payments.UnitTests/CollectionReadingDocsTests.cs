using System.Text.Json.Nodes;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Docs;

namespace BookedBarber.Payments.UnitTests;

/// <summary>The collection reads' extension fields and barber_id are in the OpenAPI document; the summary's rounding rules.</summary>
public sealed class CollectionReadingDocsTests
{
    private static readonly JsonObject Document = JsonNode.Parse(OpenApiDocument.JsonText)!.AsObject();

    private static JsonObject Properties(string schema) => Document["components"]!["schemas"]![schema]!["properties"]!.AsObject();

    [Fact]
    public void TheOpenApiDocument_ShowsTheExtensionFields_AfterTheContractOnes()
    {
        string[] extensions = ["currency", "failed_reason", "retry_attempt", "next_retry_at", "netted_amount", "credit_amount"];
        var item = Properties(nameof(MyCollectionsResponse))["collections"]!["items"]!["properties"]!.AsObject();
        Assert.Equal(extensions, item.Select(p => p.Key).TakeLast(6));
        var detail = Properties(nameof(CollectionDetailResponse));
        Assert.Equal([.. extensions, "charge_id", "credits", "needs_operator"], detail.Select(p => p.Key).TakeLast(9));
        Assert.Equal(["external_transaction_id", "amount", "from_collection_id"], detail["credits"]!["items"]!["properties"]!.AsObject().Select(p => p.Key));
        foreach (var route in new[] { "/platform-collections/my-collections", "/platform-collections/summary" })
            Assert.Contains("barber_id", Document["paths"]![route]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(4, 1, "300.0")]
    [InlineData(21.1, 100, "-78.9")]
    [InlineData(10, 10, "0.0")]
    [InlineData(1, 3, "-66.7")]
    public void AChange_IsAPercentWithOnePlace(decimal after, decimal before, string expected) =>
        Assert.Equal(expected, CollectionSummaryCalculator.Change(after, before)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void NoChange_IsMeasuredFromNothing() => Assert.Null(CollectionSummaryCalculator.Change(5, 0));

    [Theory]
    [InlineData(20.00, "20.0")]
    [InlineData(15.75, "15.75")]
    [InlineData(12.5, "12.5")]
    public void ARate_IsShownWithOnePlace_OrTwoWhenItNeedsThem(decimal percent, string expected) =>
        Assert.Equal(expected, CollectionSummaryCalculator.Percent(percent).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
