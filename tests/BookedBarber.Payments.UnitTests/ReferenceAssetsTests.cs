using BookedBarber.Payments.Docs;

namespace BookedBarber.Payments.UnitTests;

public sealed class ReferenceAssetsTests
{
    [Theory]
    [InlineData("swagger-ui.css", "text/css; charset=utf-8")]
    [InlineData("swagger-ui-bundle.js", "text/javascript; charset=utf-8")]
    [InlineData("favicon-32x32.png", "image/png")]
    public void EveryFileThePageNeeds_IsInThePackage(string file, string contentType)
    {
        var asset = ReferenceAssets.Find(file);

        Assert.NotNull(asset);
        Assert.Equal(contentType, asset.ContentType);
        Assert.NotEmpty(asset.Content);
        Assert.Equal(0x1f, asset.Gzipped[0]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("index.html")]
    [InlineData("LICENSE")]
    [InlineData("Swashbuckle.AspNetCore.SwaggerUI.index.js")]
    public void AnythingElse_IsNotServed(string? file) => Assert.Null(ReferenceAssets.Find(file));
}
