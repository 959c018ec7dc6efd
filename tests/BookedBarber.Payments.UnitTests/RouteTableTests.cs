using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.Http;

namespace BookedBarber.Payments.UnitTests;

public sealed class RouteTableTests
{
    private readonly RouteTable _routes = new(AppCatalog.Endpoints);

    [Fact]
    public void Match_FindsTheEndpointAndItsRouteValues()
    {
        var match = _routes.Match("/api/v1/hybrid-payments/options/7", "GET");
        Assert.Equal("GetPaymentOptions", match.Entry!.Name);
        Assert.Equal("7", match.Values!["barber_id"]);
    }

    [Fact]
    public void Match_OnAKnownPathWithAnotherMethod_ListsTheAllowedMethods()
    {
        var match = _routes.Match("/api/v1/external-payments/connections/5", "PATCH");
        Assert.Null(match.Entry);
        Assert.Equal(["DELETE", "GET", "HEAD", "OPTIONS", "PUT"], match.AllowedMethods.Order());
    }

    [Fact]
    public void Match_Head_IsTheGetEndpoint()
    {
        var match = _routes.Match("/api/v1/health", "HEAD");
        Assert.Equal("GetHealth", match.Entry!.Name);
    }

    [Fact]
    public void Match_HeadWhereThereIsNoGet_ListsNeitherGetNorHead()
    {
        var match = _routes.Match("/api/v1/hybrid-payments/process", "HEAD");
        Assert.Null(match.Entry);
        Assert.Equal(["POST", "OPTIONS"], match.AllowedMethods);
    }

    [Theory]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/hybrid-payments/route")]
    [InlineData("/api/v2/health")]
    public void Match_UnknownPath_HasNoEntryAndNoMethods(string path)
    {
        var match = _routes.Match(path, "GET");
        Assert.Null(match.Entry);
        Assert.Empty(match.AllowedMethods);
    }

    [Fact]
    public void MatchNamed_ReadsRouteValuesForTheNamedEndpoint() =>
        Assert.Equal("12", _routes.MatchNamed("GetConnection", "/api/v1/external-payments/connections/12").Values!["connection_id"]);
}
