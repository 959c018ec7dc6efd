using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Processors.Square;

namespace BookedBarber.Payments.Sync;

/// <summary>A barber's Square location: ListPayments (created_at window, oldest first, Square's cursor) and GetPayment.</summary>
public sealed class SquarePaymentSource(SquareClient square, ConnectionSecrets secrets, SyncOptions options) : IPaymentSource
{
    public string ProcessorType => ProcessorTypes.Square;

    public async Task<SourcePage> ReadPageAsync(ProcessorConnection connection, DateTimeOffset begin, DateTimeOffset end, string? cursor, CancellationToken cancellationToken)
    {
        var credentials = secrets.Open(connection);
        // The same query with every cursor: Square ties a cursor to the query that made it.
        var list = square.ListPaymentsAsync(AccessToken(credentials), new SquareListPaymentsOptions
        {
            BeginTime = begin,
            EndTime = end,
            SortOrder = "ASC",
            LocationId = credentials.LocationId ?? connection.LocationId,
            Limit = Math.Clamp(options.PageSize, 1, 100),
        }, cancellationToken);
        try
        {
            await foreach (var page in list.AsPages(cursor, cancellationToken))
                return new SourcePage([.. page.Values.Select(p => SquarePaymentMapper.ToTransaction(p, connection))], page.Cursor);
            return new SourcePage([], null);
        }
        catch (SquareApiException ex)
        {
            throw Unavailable(connection, ex);
        }
    }

    public async Task<IReadOnlyList<ExternalTransaction>> GetAsync(ProcessorConnection connection, IReadOnlyList<string> paymentIds, CancellationToken cancellationToken)
    {
        var token = AccessToken(secrets.Open(connection));
        var found = new List<ExternalTransaction>(paymentIds.Count);
        foreach (var id in paymentIds.Distinct(StringComparer.Ordinal))
        {
            try
            {
                found.Add(SquarePaymentMapper.ToTransaction(await square.GetPaymentAsync(token, id, cancellationToken), connection, SyncTriggers.Webhook));
            }
            catch (SquareApiException ex) when (ex.Status == 404)
            {
                // Not this seller's payment (or not yet visible): nothing to refresh.
            }
            catch (SquareApiException ex)
            {
                throw Unavailable(connection, ex);
            }
        }
        return found;
    }

    private static DomainException Unavailable(ProcessorConnection connection, SquareApiException ex) =>
        new(ErrorCodes.ExternalProcessorUnavailable, "Square did not list the connection's payments.", new Dictionary<string, object?>
        {
            ["connection_id"] = connection.Id,
            ["processor_type"] = ProcessorTypes.Square,
            ["processor_status"] = ex.Status,
            ["processor_code"] = ex.Code,
        });

    private static string AccessToken(ConnectionCredentials credentials) =>
        credentials.AccessToken is { Length: > 0 } token ? token : throw new InvalidOperationException("The Square connection has no access token.");
}
