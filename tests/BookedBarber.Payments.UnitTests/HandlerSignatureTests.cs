using BookedBarber.Payments.Errors;
using System.Text;
using System.Text.Json;
using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.Http;
using BookedBarber.Payments.RateLimiting;
using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.UnitTests;

/// <summary>Handlers say what they use in their parameters and what they answer in their return type.</summary>
public sealed class HandlerSignatureTests
{
    public sealed record Greeting(string? Name);

    public sealed record Reply(int BarberId, decimal? Amount, string? Name, int CallerId);

    private static Task<Ok<Reply>> Handler([FromRoute] int barberId, [FromQuery] decimal? amount, [FromBody] Greeting body, Caller caller, TimeProvider clock) =>
        Task.FromResult(TypedResults.Ok(new Reply(barberId, amount, body.Name, caller.UserId)));

    private static ApiCall Call(EndpointEntry entry, string path, string query, string body)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton(TimeProvider.System).BuildServiceProvider() };
        http.Request.Method = entry.Method;
        http.Request.Path = path;
        http.Request.QueryString = new QueryString(query);
        http.Request.ContentType = "application/json";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var values = new RouteValueDictionary();
        new RouteTable([entry]).Match(path, entry.Method).Values?.ToList().ForEach(kv => values[kv.Key] = kv.Value);
        return new ApiCall(http, entry, values, new Caller(7, null, Roles.Barber, new HashSet<string>(), null), "req_test");
    }

    private static readonly EndpointEntry Entry =
        new("Greet", "POST", "greet/{barber_id}", null, RateLimitCategory.None, "Test", "test", Handler);

    [Fact]
    public void Signature_GivesTheCatalogItsRequestAndResponseTypes()
    {
        Assert.Equal(typeof(Greeting), Entry.RequestType);
        Assert.Equal(typeof(Reply), Entry.ResponseType);
        Assert.Equal(BodyKind.Json, Entry.Body);
        Assert.Equal(200, Entry.SuccessStatus);
        Assert.Equal(["barber_id"], Entry.Signature.RouteParameters);
        Assert.Equal(["amount"], Entry.Signature.QueryParameters);
    }

    [Fact]
    public async Task Invoke_BindsRouteQueryBodyCallerAndServices()
    {
        var result = await Entry.Signature.InvokeAsync(Call(Entry, "/api/v1/greet/12", "?amount=75.50", """{"name":"Ana"}"""));
        var ok = Assert.IsType<Ok<Reply>>(result);
        Assert.Equal(new Reply(12, 75.50m, "Ana", 7), ok.Value);
    }

    [Theory]
    [InlineData("/api/v1/greet/0", "", """{"name":"Ana"}""", "barber_id")]
    [InlineData("/api/v1/greet/12", "?amount=lots", """{"name":"Ana"}""", "amount")]
    [InlineData("/api/v1/greet/12", "", """{"name":5}""", "name")]
    public async Task Invoke_RefusesValuesOfTheWrongForm_NamingTheField(string path, string query, string body, string field)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => Entry.Signature.InvokeAsync(Call(Entry, path, query, body)));
        Assert.Equal((400, ErrorCodes.ValidationError, field), (ErrorCodes.StatusOf(error.Code), error.Code, error.Details["field"]));
    }

    [Fact]
    public void AHandlerWithoutATypedResult_IsRefusedWhenTheCatalogIsBuilt()
    {
        Func<Task<IResult>> untyped = () => Task.FromResult(Results.Ok());
        Assert.Throws<InvalidOperationException>(() => HandlerSignature.Of(untyped));
    }

    [Fact]
    public void CreateOrReplace_ListsBothAnswers()
    {
        var upsert = AppCatalog.Endpoints.Single(e => e.Name == "UpsertShop");
        Assert.Equal([201, 200], upsert.Signature.Responses.Select(r => r.Status));
    }

    [Fact]
    public void EveryCatalogHandler_BindsItsRouteParameters_AndOnlyDocumentedQueryParameters()
    {
        foreach (var entry in AppCatalog.Endpoints)
        {
            var template = System.Text.RegularExpressions.Regex.Matches(entry.Route, @"\{(\w+)\}").Select(m => m.Groups[1].Value).ToList();
            if (entry.Shipped)
            {
                Assert.True(template.Order().SequenceEqual(entry.Signature.RouteParameters.Order()), $"{entry.Name} binds {string.Join(",", entry.Signature.RouteParameters)}");
                Assert.True(entry.Query.Select(q => q.Name).Order().SequenceEqual(entry.Signature.QueryParameters.Order()), $"{entry.Name}: documented query differs from bound");
            }
            Assert.All(entry.Signature.RouteParameters, p => Assert.Contains(p, template));
        }
    }

    [Fact]
    public void EveryServiceAHandlerAsksFor_IsInTheApplicationsContainer()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["AUTH_SIGNING_KEY"] = Convert.ToBase64String(new byte[32]),
            ["CREDENTIAL_ENCRYPTION_KEYS"] = "k1:" + Convert.ToBase64String(new byte[32]),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddPaymentsApplication(configuration);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
        var isService = provider.GetRequiredService<IServiceProviderIsService>();
        foreach (var entry in AppCatalog.Endpoints.Where(e => e.Shipped))
            foreach (var parameter in entry.Handler.Method.GetParameters())
            {
                var type = parameter.ParameterType;
                var bound = type == typeof(ApiCall) || type == typeof(Caller) || type == typeof(CancellationToken)
                    || parameter.IsDefined(typeof(FromBodyAttribute), false) || parameter.IsDefined(typeof(FromRouteAttribute), false)
                    || parameter.IsDefined(typeof(FromQueryAttribute), false) || parameter.IsDefined(typeof(FromHeaderAttribute), false);
                Assert.True(bound || isService.IsService(type), $"{entry.Name}: {type.Name} {parameter.Name} is not a registered service");
            }
    }
}
