using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Ledger;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// How collections sit in the barber's ledger partition (amounts in minor units of <c>Currency</c>):
/// <list type="bullet">
/// <item><c>col-{reverse ticks of created_at}-{id:D10}</c>: a collection (newest first, so a page is one range read);</item>
/// <item><c>colbuild</c>: the collection being built, if any (added in the first batch, removed in the last: one build at a time);</item>
/// <item><c>cmi-{transaction id:D10}</c>: a transaction's claim by a collection (at most one, ever);</item>
/// <item><c>cmc-{collection id:D10}-{transaction id:D10}</c>: a credit the collection carries;</item>
/// <item><c>cmn-{collection id:D10}-{attempt id}</c>: commission netted from a centralized payment.</item>
/// </list>
/// </summary>
public static class CollectionRows
{
    public const string Prefix = "col-";
    public const string End = "col.";
    public const string BuildPointerRow = "colbuild";

    /// <summary>Rewritten after every write of collection rows, so readers keeping collections know when to read again (<see cref="CollectionStore.TouchAsync"/>).</summary>
    public const string StampRow = "colstamp";
    public const string ItemPrefix = "cmi-";
    public const string ItemEnd = "cmi.";
    public const string CreditPrefix = "cmc-";
    public const string CreditEnd = "cmc.";
    public const string NettingPrefix = "cmn-";
    public const string NettingEnd = "cmn.";

    // A string property holds at most 32K UTF-16 characters: id lists are spread over numbered properties.
    private const int ChunkChars = 30_000;

    public static string RowKey(DateTimeOffset createdAt, long id) =>
        $"{Prefix}{(DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)}-{id.ToString("D10", CultureInfo.InvariantCulture)}";

    public static string ItemRowKey(int transactionId) => ItemPrefix + transactionId.ToString("D10", CultureInfo.InvariantCulture);

    public static string CreditRowKey(long collectionId, int transactionId) =>
        $"{CreditPrefix}{collectionId.ToString("D10", CultureInfo.InvariantCulture)}-{transactionId.ToString("D10", CultureInfo.InvariantCulture)}";

    public static string NettingRowKey(long collectionId, string attemptId) =>
        $"{NettingPrefix}{collectionId.ToString("D10", CultureInfo.InvariantCulture)}-{attemptId}";

    /// <summary>The filter for a range of row keys [from, to) of the barber's partition.</summary>
    public static string Range(int barberId, string from, string to) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {LedgerPartition.For(barberId)} and RowKey ge {from} and RowKey lt {to}");

    public static TableEntity ToEntity(CommissionCollection c)
    {
        var e = new TableEntity(LedgerPartition.For(c.BarberId), c.RowKey)
        {
            ["CollectionId"] = c.Id,
            ["BarberId"] = c.BarberId,
            ["Currency"] = c.Currency.Code,
            ["Status"] = c.Status,
            ["Method"] = c.Method,
            ["CreatedAt"] = c.CreatedAt,
            ["DueDate"] = c.DueDate,
            ["Cutoff"] = c.Cutoff,
            ["CommissionRate"] = c.CommissionRate.ToString(CultureInfo.InvariantCulture),
            ["CommissionMinor"] = c.CommissionMinor,
            ["CreditMinor"] = c.CreditMinor,
            ["ProcessingFeeMinor"] = c.ProcessingFeeMinor,
            ["NettedMinor"] = c.NettedMinor,
            ["ReservedMinor"] = c.ReservedMinor,
            ["NettingClosed"] = c.NettingClosed,
            ["RetryAttempt"] = c.RetryAttempt,
            ["AutomaticRetries"] = c.AutomaticRetries,
            ["NextRetryAt"] = c.NextRetryAt,
            ["NeedsOperator"] = c.NeedsOperator,
            ["ProcessingSince"] = c.ProcessingSince,
            ["ChargeMethod"] = c.ChargeMethod,
            ["ChargeIdempotencyKey"] = c.ChargeIdempotencyKey,
            ["ChargeId"] = c.ChargeId,
            ["PaymentIntentId"] = c.PaymentIntentId,
            ["StripeInvoiceId"] = c.StripeInvoiceId,
            ["CollectedAt"] = c.CollectedAt,
            ["FailureCode"] = c.FailureCode,
            ["FailedReason"] = c.FailedReason,
            ["FailedAt"] = c.FailedAt,
            ["BuildCursor"] = c.BuildCursor,
            ["UpdatedAt"] = c.UpdatedAt,
        };
        WriteChunks(e, "TransactionIds", JsonSerializer.Serialize(c.TransactionIds));
        WriteChunks(e, "ExternalTransactionIds", JsonSerializer.Serialize(c.ExternalTransactionIds));
        return e;
    }

    public static CommissionCollection FromEntity(TableEntity e)
    {
        var currency = Currency.TryParse(e.GetString("Currency"), out var known) ? known : Currency.Usd;
        return new CommissionCollection(
            e.GetInt64("CollectionId") ?? 0,
            e.GetInt32("BarberId") ?? 0,
            currency,
            e.GetString("Status") ?? CollectionStatus.Pending,
            e.GetString("Method") ?? CollectionMethods.StripeConnect,
            e.GetDateTimeOffset("CreatedAt") ?? default,
            e.GetDateTimeOffset("DueDate") ?? default,
            e.GetDateTimeOffset("Cutoff") ?? default,
            decimal.TryParse(e.GetString("CommissionRate"), NumberStyles.Number, CultureInfo.InvariantCulture, out var rate) ? rate : 0m,
            e.GetInt64("CommissionMinor") ?? 0,
            e.GetInt64("CreditMinor") ?? 0,
            JsonSerializer.Deserialize<List<int>>(ReadChunks(e, "TransactionIds") ?? "[]") ?? [],
            JsonSerializer.Deserialize<List<string>>(ReadChunks(e, "ExternalTransactionIds") ?? "[]") ?? [],
            e.GetInt64("ProcessingFeeMinor") ?? 0,
            e.GetInt64("NettedMinor") ?? 0,
            e.GetInt64("ReservedMinor") ?? 0,
            e.GetBoolean("NettingClosed") ?? false,
            e.GetInt32("RetryAttempt") ?? 0,
            e.GetInt32("AutomaticRetries") ?? 0,
            e.GetDateTimeOffset("NextRetryAt"),
            e.GetBoolean("NeedsOperator") ?? false,
            e.GetDateTimeOffset("ProcessingSince"),
            e.GetString("ChargeMethod"),
            e.GetString("ChargeIdempotencyKey"),
            e.GetString("ChargeId"),
            e.GetString("PaymentIntentId"),
            e.GetString("StripeInvoiceId"),
            e.GetDateTimeOffset("CollectedAt"),
            e.GetString("FailureCode"),
            e.GetString("FailedReason"),
            e.GetDateTimeOffset("FailedAt"),
            e.GetInt32("BuildCursor") ?? 0,
            e.GetDateTimeOffset("UpdatedAt"));
    }

    public static TableEntity ToEntity(CommissionItem i) => new(LedgerPartition.For(i.BarberId), i.RowKey)
    {
        ["BarberId"] = i.BarberId,
        ["TransactionId"] = i.TransactionId,
        ["ExternalTransactionId"] = i.ExternalTransactionId,
        ["CollectionId"] = i.CollectionId,
        ["Currency"] = i.Currency.Code,
        ["AmountMinor"] = i.AmountMinor,
        ["TipMinor"] = i.TipMinor,
        ["Rate"] = i.Rate.ToString(CultureInfo.InvariantCulture),
        ["CommissionMinor"] = i.CommissionMinor,
        ["ClaimedRefundMinor"] = i.ClaimedRefundMinor,
        ["CreditedMinor"] = i.CreditedMinor,
        ["ProcessedAt"] = i.ProcessedAt,
        ["ClaimedAt"] = i.ClaimedAt,
    };

    public static CommissionItem ItemFromEntity(TableEntity e) => new(
        e.GetInt32("BarberId") ?? 0,
        e.GetInt32("TransactionId") ?? 0,
        e.GetString("ExternalTransactionId") ?? "",
        e.GetInt64("CollectionId") ?? 0,
        Currency.TryParse(e.GetString("Currency"), out var c) ? c : Currency.Usd,
        e.GetInt64("AmountMinor") ?? 0,
        e.GetInt64("TipMinor") ?? 0,
        decimal.TryParse(e.GetString("Rate"), NumberStyles.Number, CultureInfo.InvariantCulture, out var rate) ? rate : 0m,
        e.GetInt64("CommissionMinor") ?? 0,
        e.GetInt64("ClaimedRefundMinor") ?? 0,
        e.GetInt64("CreditedMinor") ?? 0,
        e.GetDateTimeOffset("ProcessedAt") ?? default,
        e.GetDateTimeOffset("ClaimedAt") ?? default);

    public static TableEntity ToEntity(CommissionCredit c) => new(LedgerPartition.For(c.BarberId), c.RowKey)
    {
        ["BarberId"] = c.BarberId,
        ["CollectionId"] = c.CollectionId,
        ["TransactionId"] = c.TransactionId,
        ["ExternalTransactionId"] = c.ExternalTransactionId,
        ["FromCollectionId"] = c.FromCollectionId,
        ["Currency"] = c.Currency.Code,
        ["AmountMinor"] = c.AmountMinor,
        ["RefundedMinor"] = c.RefundedMinor,
        ["Disputed"] = c.Disputed,
        ["CreatedAt"] = c.CreatedAt,
    };

    public static CommissionCredit CreditFromEntity(TableEntity e) => new(
        e.GetInt32("BarberId") ?? 0,
        e.GetInt64("CollectionId") ?? 0,
        e.GetInt32("TransactionId") ?? 0,
        e.GetString("ExternalTransactionId") ?? "",
        e.GetInt64("FromCollectionId") ?? 0,
        Currency.TryParse(e.GetString("Currency"), out var c) ? c : Currency.Usd,
        e.GetInt64("AmountMinor") ?? 0,
        e.GetInt64("RefundedMinor") ?? 0,
        e.GetBoolean("Disputed") ?? false,
        e.GetDateTimeOffset("CreatedAt") ?? default);

    private static void WriteChunks(TableEntity e, string name, string text)
    {
        var count = 0;
        for (var start = 0; start < text.Length; start += ChunkChars, count++)
            e[$"{name}{count}"] = text.Substring(start, Math.Min(ChunkChars, text.Length - start));
        e[$"{name}Chunks"] = count;
    }

    private static string? ReadChunks(TableEntity e, string name)
    {
        if (e.GetInt32($"{name}Chunks") is not { } count) return null;
        return string.Concat(Enumerable.Range(0, count).Select(i => e.GetString($"{name}{i}") ?? ""));
    }
}
