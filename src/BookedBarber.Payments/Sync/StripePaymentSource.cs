using BookedBarber.Payments.Processors.Stripe;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.ExternalTransactions;
using Stripe;

namespace BookedBarber.Payments.Sync;

/// <summary>
/// The barber's own Stripe account (its secret key, sealed in the connection): PaymentIntents created in the window
/// (<c>created[gte]</c>/<c>created[lt]</c>), paged with <c>starting_after</c> (Stripe lists newest first), the latest
/// charge and its balance transaction expanded for refunds and fees.
/// </summary>
public sealed class StripePaymentSource(StripeClients stripeClients, ConnectionSecrets secrets, SyncOptions options) : IPaymentSource
{
    private static readonly List<string> Expand = ["data.latest_charge.balance_transaction"];

    public string ProcessorType => ProcessorTypes.Stripe;

    public async Task<SourcePage> ReadPageAsync(ProcessorConnection connection, DateTimeOffset begin, DateTimeOffset end, string? cursor, CancellationToken cancellationToken)
    {
        try
        {
            var list = await Service(connection).ListAsync(new PaymentIntentListOptions
            {
                // Stripe's created is in whole seconds: the run's end second is included (the next run re-scans it anyway).
                Created = new DateRangeOptions { GreaterThanOrEqual = begin.UtcDateTime, LessThanOrEqual = end.UtcDateTime },
                Limit = Math.Clamp(options.PageSize, 1, 100),
                StartingAfter = cursor,
                Expand = Expand,
            }, cancellationToken: cancellationToken);
            var page = list.Data ?? [];
            return new SourcePage([.. page.Select(pi => StripePaymentMapper.ToTransaction(pi, connection))], list.HasMore && page.Count > 0 ? page[^1].Id : null);
        }
        catch (StripeException ex)
        {
            throw Unavailable(connection, ex);
        }
    }

    public async Task<IReadOnlyList<ExternalTransaction>> GetAsync(ProcessorConnection connection, IReadOnlyList<string> paymentIds, CancellationToken cancellationToken)
    {
        var service = Service(connection);
        var found = new List<ExternalTransaction>(paymentIds.Count);
        foreach (var id in paymentIds.Distinct(StringComparer.Ordinal))
        {
            try
            {
                var intent = await service.GetAsync(id, new PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction"] }, cancellationToken: cancellationToken);
                found.Add(StripePaymentMapper.ToTransaction(intent, connection, SyncTriggers.Webhook));
            }
            catch (StripeException ex) when (ex.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Not this account's payment: nothing to refresh.
            }
            catch (StripeException ex)
            {
                throw Unavailable(connection, ex);
            }
        }
        return found;
    }

    private PaymentIntentService Service(ProcessorConnection connection)
    {
        var key = secrets.Open(connection).SecretKey is { Length: > 0 } secret ? secret : throw new InvalidOperationException("The Stripe connection has no secret key.");
        return new PaymentIntentService(stripeClients.For(key));
    }

    private static DomainException Unavailable(ProcessorConnection connection, StripeException ex) =>
        new(ErrorCodes.ExternalProcessorUnavailable, "Stripe did not list the connection's payments.", new Dictionary<string, object?>
        {
            ["connection_id"] = connection.Id,
            ["processor_type"] = ProcessorTypes.Stripe,
            ["processor_status"] = (int)ex.HttpStatusCode,
            ["processor_code"] = ex.StripeError?.Code,
        });
}
