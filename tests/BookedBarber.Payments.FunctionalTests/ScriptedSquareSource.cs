using System.Globalization;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Processors.Square;
using BookedBarber.Payments.Sync;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// Square as sync sees it, scripted: payments (in Square's JSON model) listed by created_at, oldest first, in pages, with
/// payments hidden from the list until revealed (ListPayments' eventual consistency). Mapped by the real mapper.
/// Stands in for simulator switches (late listing, refunds) the Square simulator does not have yet.
/// </summary>
public sealed class ScriptedSquareSource : IPaymentSource
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (SquarePayment Payment, bool Listed)> _payments = new(StringComparer.Ordinal);

    public string ProcessorType => ProcessorTypes.Square;

    public int PageSize { get; set; } = 100;

    public int PagesRead { get; private set; }

    public TimeSpan PageDelay { get; set; }

    public void Put(SquarePayment payment, bool listed = true)
    {
        lock (_gate) _payments[payment.Id] = (payment, listed);
    }

    public void Reveal(string id)
    {
        lock (_gate) _payments[id] = (_payments[id].Payment, true);
    }

    public static SquarePayment Payment(string id, DateTimeOffset createdAt, long amount, string status = "COMPLETED", long? fee = null, long? refunded = null,
        DateTimeOffset? updatedAt = null, string? reference = null) => new()
        {
            Id = id,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt ?? createdAt,
            AmountMoney = new SquareMoney(amount, "USD"),
            TotalMoney = new SquareMoney(amount, "USD"),
            Status = status,
            ProcessingFee = fee is { } f ? [new SquareProcessingFee(createdAt, "INITIAL", new SquareMoney(f, "USD"))] : null,
            RefundedMoney = refunded is { } r ? new SquareMoney(r, "USD") : null,
            ReferenceId = reference,
            CardDetails = new SquareCardPaymentDetails { Card = new SquareCard { CardBrand = "VISA", Last4 = "1111" }, EntryMethod = "KEYED" },
        };

    public async Task<SourcePage> ReadPageAsync(ProcessorConnection connection, DateTimeOffset begin, DateTimeOffset end, string? cursor, CancellationToken cancellationToken)
    {
        if (PageDelay > TimeSpan.Zero) await Task.Delay(PageDelay, cancellationToken);
        List<SquarePayment> window;
        lock (_gate)
        {
            PagesRead++;
            window = [.. _payments.Values.Where(p => p.Listed && p.Payment.CreatedAt >= begin && p.Payment.CreatedAt < end)
                .Select(p => p.Payment).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal)];
        }
        var skip = cursor is null ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture);
        var page = window.Skip(skip).Take(PageSize).ToList();
        var next = skip + page.Count < window.Count ? (skip + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return new SourcePage([.. page.Select(p => SquarePaymentMapper.ToTransaction(p, connection))], next);
    }

    public Task<IReadOnlyList<ExternalTransaction>> GetAsync(ProcessorConnection connection, IReadOnlyList<string> paymentIds, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<ExternalTransaction> found = [.. paymentIds.Where(_payments.ContainsKey).Select(id => SquarePaymentMapper.ToTransaction(_payments[id].Payment, connection, SyncTriggers.Webhook))];
            return Task.FromResult(found);
        }
    }
}
