using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BookedBarber.Payments.Storage;
using Stripe;

namespace BookedBarber.Payments.Processing;

/// <summary>
/// The Stripe customer of each client on each Stripe account we save cards on (the platform's, or a barber's own), so a
/// client's saved cards gather under one customer. Kept in the lookups table, partition <c>stripe-customer|{account}</c>,
/// row = client id. Created once: Stripe's idempotency key (account + client) makes concurrent first payments of one
/// client get the same customer, and the first row written wins.
/// </summary>
public sealed class StripeCustomers(StorageAccount storage)
{
    private TableClient Table => storage.Table(storage.Names.Lookups);

    /// <summary>The customer id of the client on the account (<paramref name="account"/>: "platform" or "connection-{id}").</summary>
    public async Task<string> EnsureAsync(StripeClient stripe, string account, int clientId, CancellationToken cancellationToken)
    {
        var partition = "stripe-customer|" + account;
        var row = clientId.ToString("D10", CultureInfo.InvariantCulture);
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        if (found.HasValue && found.Value!.GetString("CustomerId") is { } known) return known;

        var client = clientId.ToString(CultureInfo.InvariantCulture);
        var customer = await new CustomerService(stripe).CreateAsync(new CustomerCreateOptions
        {
            Description = $"BookedBarber client {client}",
            Metadata = new Dictionary<string, string> { ["client_id"] = client, ["source"] = "bookedbarber" },
        }, new RequestOptions { IdempotencyKey = $"bb-customer-{account}-{client}" }, cancellationToken);
        try
        {
            await Table.AddEntityAsync(new TableEntity(partition, row) { ["CustomerId"] = customer.Id }, cancellationToken);
            return customer.Id;
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            var first = await Table.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            return first.Value.GetString("CustomerId") ?? customer.Id;
        }
    }
}
