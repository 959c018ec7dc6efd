using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// The interactive reference runs only as this host serves it: a Content-Security-Policy that allows the page's own
/// inline script and style by hash and nothing from elsewhere, no framing, and a pasted token kept out of localStorage.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class ReferenceHardeningTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("docs/reference")]
    [InlineData("docs/openapi.json")]
    [InlineData("docs/assets/swagger-ui-bundle.js")]
    [InlineData("docs/assets/swagger-ui.css")]
    public async Task TheReferenceAndItsFiles_ForbidFraming_AndLoadingFromElsewhere(string path)
    {
        var response = await azurite.Shared.GetAsync(path);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var policy = Directives(Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.DoesNotContain("unsafe-inline", policy["script-src"]);
        Assert.DoesNotContain("unsafe-eval", policy["script-src"]);
    }

    [Fact]
    public async Task ThePagesInlineScriptAndStyle_AreAllowedByTheirHashes_AndTheTokenIsNotPersisted()
    {
        var response = await azurite.Shared.GetAsync("docs/reference");
        var html = await response.Content.ReadAsStringAsync();
        var policy = Directives(Assert.Single(response.Headers.GetValues("Content-Security-Policy")));

        var script = Assert.Single(InlineScript().Matches(html)).Groups[1].Value;
        Assert.Contains($"'{Sha256(script)}'", policy["script-src"]);
        Assert.Contains("persistAuthorization:false", script);
        var style = Assert.Single(InlineStyle().Matches(html)).Groups[1].Value;
        Assert.Contains($"'{Sha256(style)}'", policy["style-src"]);
    }

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2)).ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

    private static string Sha256(string inline) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)));

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex InlineStyle();
}
