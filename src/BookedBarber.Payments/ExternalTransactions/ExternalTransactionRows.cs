using System.Globalization;
using Azure.Data.Tables;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Ledger;

namespace BookedBarber.Payments.ExternalTransactions;

/// <summary>
/// How external transactions sit in the barber's ledger partition: row <c>xtx-{reverse ticks of processed_at}-{id}</c>,
/// so a period is one range read and the newest come first. Amounts are minor units of <c>Currency</c>.
/// </summary>
public static class ExternalTransactionRows
{
    public const string Prefix = "xtx-";

    /// <summary>The first row after every external transaction row (for range filters).</summary>
    public const string End = "xtx.";

    /// <summary>The row whose ETag changes with every write of the barber's transactions (outside the range above).</summary>
    public const string StampRow = "xtxstamp";

    public static string RowKey(DateTimeOffset processedAt, int id) =>
        $"{Prefix}{TimeKey(processedAt)}-{id.ToString("D10", CultureInfo.InvariantCulture)}";

    /// <summary>The row-key prefix of an instant: later instants sort first.</summary>
    public static string TimeKey(DateTimeOffset at) => (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The filter for the barber's transactions processed in [since, until] (either end open).</summary>
    public static string Filter(int barberId, DateTimeOffset? since, DateTimeOffset? until)
    {
        var partition = LedgerPartition.For(barberId);
        // Reverse time: `until` gives the lower row bound, `since` the upper.
        var from = until is { } u ? Prefix + TimeKey(u) : Prefix;
        var to = since is { } s ? Prefix + TimeKey(s) + "-\uffff" : End;
        return TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}");
    }

    public static TableEntity ToEntity(ExternalTransaction t) => new(LedgerPartition.For(t.BarberId), RowKey(t.ProcessedAt, t.Id))
    {
        ["TransactionId"] = t.Id,
        ["BarberId"] = t.BarberId,
        ["ConnectionId"] = t.ConnectionId,
        ["ProcessorType"] = t.ProcessorType,
        ["ExternalTransactionId"] = t.ExternalTransactionId,
        ["Currency"] = t.Amount.Currency.Code,
        ["AmountMinor"] = t.Amount.Minor,
        ["Status"] = t.Status,
        ["ProcessedAt"] = t.ProcessedAt,
        ["ProcessorFeesMinor"] = t.ProcessorFees?.Minor,
        ["RefundedMinor"] = t.RefundedAmount?.Minor,
        ["TipMinor"] = t.TipAmount?.Minor,
        ["AppointmentId"] = t.AppointmentId,
        ["ClientId"] = t.ClientId,
        ["ExternalCustomerId"] = t.ExternalCustomerId,
        ["ReconciliationStatus"] = t.ReconciliationStatus,
        ["ReconciledAt"] = t.ReconciledAt,
        ["CardBrand"] = t.CardBrand,
        ["LastFour"] = t.LastFour,
        ["EntryMethod"] = t.EntryMethod,
        ["Reference"] = t.Reference,
        ["Note"] = t.Note,
        ["Disputed"] = t.Disputed,
        ["AttemptId"] = t.AttemptId,
        ["Version"] = t.Version,
        ["FirstSeenAt"] = t.FirstSeenAt,
        ["UpdatedAt"] = t.UpdatedAt,
        ["Source"] = t.Source,
    };

    public static ExternalTransaction FromEntity(TableEntity e)
    {
        var currency = Currency.TryParse(e.GetString("Currency"), out var known) ? known : Currency.Usd;
        Money? Amount(string name) => e.GetInt64(name) is { } minor ? new Money(minor, currency) : null;
        return new ExternalTransaction(
            e.GetInt32("TransactionId") ?? 0,
            e.GetInt32("BarberId") ?? 0,
            e.GetInt32("ConnectionId") ?? 0,
            e.GetString("ProcessorType") ?? "",
            e.GetString("ExternalTransactionId") ?? "",
            new Money(e.GetInt64("AmountMinor") ?? 0, currency),
            e.GetString("Status") ?? ExternalTransactionStatus.Pending,
            e.GetDateTimeOffset("ProcessedAt") ?? default,
            Amount("ProcessorFeesMinor"),
            Amount("RefundedMinor"),
            Amount("TipMinor"),
            e.GetInt32("AppointmentId"),
            e.GetInt32("ClientId"),
            e.GetString("ExternalCustomerId"),
            e.GetString("ReconciliationStatus") ?? ReconciliationStatus.Unmatched,
            e.GetDateTimeOffset("ReconciledAt"),
            e.GetString("CardBrand"),
            e.GetString("LastFour"),
            e.GetString("EntryMethod"),
            e.GetString("Reference"),
            e.GetString("Note"),
            e.GetBoolean("Disputed") ?? false,
            e.GetString("AttemptId"),
            e.GetInt64("Version"),
            e.GetDateTimeOffset("FirstSeenAt"),
            e.GetDateTimeOffset("UpdatedAt"),
            e.GetString("Source"));
    }
}
