using System.ComponentModel;
using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.Http;
using BookedBarber.Payments.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace BookedBarber.Payments.UnitTests;

/// <summary>A handler names the request headers it reads in its signature, so the OpenAPI document can list them.</summary>
public sealed class HandlerSignatureHeaderTests
{
    private static Ok<string[]> Handler([FromHeader(Name = "X-Trace")][Description("Trace to follow.")] StringValues trace) =>
        TypedResults.Ok(trace.Select(v => v ?? "").ToArray());

    private static readonly EndpointEntry Entry = new("Trace", "GET", "trace", null, RateLimitCategory.None, "Test", "test", Handler);

    private static ApiCall Call(params string[] values)
    {
        var http = new DefaultHttpContext();
        if (values.Length > 0) http.Request.Headers["X-Trace"] = values;
        return new ApiCall(http, Entry, new RouteValueDictionary(), null, "req_test");
    }

    [Fact]
    public void Signature_ListsTheHeaderWithItsDescription() =>
        Assert.Equal([("X-Trace", (string?)"Trace to follow.")], Entry.Signature.HeaderParameters);

    [Theory]
    [InlineData]
    [InlineData("a")]
    [InlineData("a", "b")]
    public async Task Invoke_PassesEveryValueSent_SoTheHandlerDecidesAboutRepeats(params string[] values)
    {
        var ok = Assert.IsType<Ok<string[]>>(await Entry.Signature.InvokeAsync(Call(values)));
        Assert.Equal(values, ok.Value);
    }

    [Fact]
    public void AHeaderOfAnotherType_IsRefusedWhenTheCatalogIsBuilt()
    {
        Func<string?, Ok> handler = ([FromHeader(Name = "X-Trace")] header) => TypedResults.Ok();
        Assert.Throws<InvalidOperationException>(() => HandlerSignature.Of(handler));
    }
}
