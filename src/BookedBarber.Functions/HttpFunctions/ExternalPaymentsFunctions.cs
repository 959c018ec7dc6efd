using BookedBarber.Payments.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BookedBarber.Functions.HttpFunctions;

/// <summary>External payments: processor connections and their transactions. Anonymous to the host: the application checks bearer tokens itself.</summary>
public sealed class ExternalPaymentsFunctions(ApiDispatcher api)
{
    [Function("ListConnections")]
    public Task ListConnections([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "external-payments/connections")] HttpRequest req) =>
        api.InvokeAsync("ListConnections", req.HttpContext);

    [Function("CreateConnection")]
    public Task CreateConnection([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "external-payments/connections")] HttpRequest req) =>
        api.InvokeAsync("CreateConnection", req.HttpContext);

    [Function("GetConnection")]
    public Task GetConnection([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "external-payments/connections/{connection_id}")] HttpRequest req) =>
        api.InvokeAsync("GetConnection", req.HttpContext);

    [Function("UpdateConnection")]
    public Task UpdateConnection([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "external-payments/connections/{connection_id}")] HttpRequest req) =>
        api.InvokeAsync("UpdateConnection", req.HttpContext);

    [Function("DeleteConnection")]
    public Task DeleteConnection([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "external-payments/connections/{connection_id}")] HttpRequest req) =>
        api.InvokeAsync("DeleteConnection", req.HttpContext);

    [Function("SyncConnection")]
    public Task SyncConnection([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "external-payments/connections/{connection_id}/sync")] HttpRequest req) =>
        api.InvokeAsync("SyncConnection", req.HttpContext);

    [Function("ListExternalTransactions")]
    public Task ListExternalTransactions([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "external-payments/transactions")] HttpRequest req) =>
        api.InvokeAsync("ListExternalTransactions", req.HttpContext);

    [Function("GetExternalTransaction")]
    public Task GetExternalTransaction([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "external-payments/transactions/{transaction_id}")] HttpRequest req) =>
        api.InvokeAsync("GetExternalTransaction", req.HttpContext);
}
