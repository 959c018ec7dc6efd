using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.ExternalTransactions;

/// <summary>
/// <c>GET /external-payments/transactions</c> and <c>/transactions/{transaction_id}</c>: a barber's external transactions.
/// A barber reads their own; shop owners, enterprise owners and admin name the barber with <c>barber_id</c> (tenancy as
/// everywhere: a barber they may not see is 404).
/// </summary>
/// <remarks>
/// The list is newest first. <c>total_transactions</c> counts the whole filtered set; <c>total_amount</c> is its net
/// volume: what clients paid in the transactions that succeeded (completed or refunded) less what was refunded — pending
/// and failed ones count in the number but add nothing, as in a connection's <c>total_volume</c>. Money is summed in the
/// currency of the newest transaction of the set; others would count in the number only.
/// </remarks>
public static class ExternalTransactionEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static async Task<Ok<ListExternalTransactionsResponse>> List(
        [FromQuery] int? barberId, [FromQuery] int? connectionId, [FromQuery] string? status, [FromQuery] DateTimeOffset? since,
        [FromQuery] DateTimeOffset? until, [FromQuery] int? limit, [FromQuery] int? offset,
        Caller caller, TenantAccess tenants, ExternalTransactionReader reader, ConnectionStore connections, CancellationToken cancellationToken)
    {
        if (connectionId is <= 0) throw DomainException.Validation("connection_id", "connection_id must be a positive integer.");
        if (status is not null && !ExternalTransactionStatus.All.Contains(status))
            throw new DomainException(ErrorCodes.ValidationError, $"status must be one of {string.Join(", ", ExternalTransactionStatus.All)}.",
                new Dictionary<string, object?> { ["field"] = "status", ["allowed"] = ExternalTransactionStatus.All });
        if (since is { } s && until is { } u && s > u) throw DomainException.Validation("since", "since must not be after until.");
        if (limit is < 1 or > MaxLimit) throw DomainException.Validation("limit", $"limit must be an integer from 1 to {MaxLimit}.");
        var take = limit ?? DefaultLimit;
        var skip = offset ?? 0;

        var subject = await tenants.SubjectAsync(caller, barberId, cancellationToken);
        // A filter naming another barber's connection is another tenant's id: 404, as everywhere.
        if (connectionId is { } filter && await connections.FindBarberAsync(filter, cancellationToken) is { } owner && owner != subject)
            throw DomainException.NotFound("connection", filter);
        var all = await reader.ListAsync(subject, cancellationToken);
        var filtered = all.Where(t =>
            (connectionId is null || t.ConnectionId == connectionId) &&
            (status is null || t.Status == status) &&
            (since is null || t.ProcessedAt >= since) &&
            (until is null || t.ProcessedAt <= until)).ToList();

        var currency = filtered.Count > 0 ? filtered[0].Amount.Currency : Currency.Usd;
        var total = filtered.Where(t => t.Amount.Currency == currency).Aggregate(Money.Zero(currency), (sum, t) => sum + t.NetVolume);
        var page = filtered.Skip(skip).Take(take).Select(ListItem).ToList();
        return TypedResults.Ok(new ListExternalTransactionsResponse(page, filtered.Count, total.ToMajor(),
            new TransactionsPagination(take, skip, (long)skip + page.Count < filtered.Count)));
    }

    public static async Task<Ok<ExternalTransactionDetailResponse>> Get(
        [FromRoute] int transactionId, Caller caller, TenantAccess tenants, ExternalTransactionStore store, BookingDirectory bookings,
        ITransactionCommissionReader commissions, CancellationToken cancellationToken)
    {
        var t = await store.GetAsync(transactionId, cancellationToken) ?? throw DomainException.NotFound("transaction", transactionId);
        await tenants.EnsureBarberAsync(caller, t.BarberId, "transaction", transactionId, cancellationToken);
        var appointment = t.AppointmentId is { } id && t.ReconciliationStatus == ReconciliationStatus.Matched
            ? await bookings.GetAppointmentAsync(id, cancellationToken)
            : null;
        return TypedResults.Ok(new ExternalTransactionDetailResponse(
            t.Id, t.ConnectionId, t.ProcessorType, t.ExternalTransactionId, t.Amount.ToMajor(), t.Amount.Currency.Code, t.Status, t.BarberId,
            t.AppointmentId, t.ClientId, t.ExternalCustomerId,
            new ExternalTransactionMetadata(t.CardBrand, t.LastFour, t.EntryMethod),
            t.ProcessorFees?.ToMajor(), t.ProcessedAt, t.ReconciledAt, t.ReconciliationStatus,
            await commissions.ReadAsync(t, cancellationToken),
            appointment is null ? null : new TransactionRelatedAppointment(appointment.Id, appointment.ServiceName, appointment.StartTime)));
    }

    private static ExternalTransactionListItem ListItem(ExternalTransaction t) => new(
        t.Id, t.ConnectionId, t.ProcessorType, t.ExternalTransactionId, t.Amount.ToMajor(), t.Amount.Currency.Code, t.Status, t.BarberId,
        t.AppointmentId, t.ClientId, t.ExternalCustomerId, t.ProcessorFees?.ToMajor(), t.ProcessedAt, t.ReconciledAt, t.ReconciliationStatus);
}
