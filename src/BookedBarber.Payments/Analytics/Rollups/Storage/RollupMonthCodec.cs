using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Analytics.Rollups.Storage;

/// <summary>
/// A month's daily rollups as one table row: one text line per (day, mode, currency), money in minor units, the day's
/// client ids at the end, the text cut over properties <c>D0</c>, <c>D1</c>, … because a string property holds at most
/// 32K characters. A month of a 100,000-payments-a-year barber takes a few chunks; <see cref="MaxChunks"/> keeps a row
/// under the 1 MiB entity limit (two bytes a character).
/// </summary>
public static class RollupMonthCodec
{
    public const int ChunkChars = 30_000;
    public const int MaxChunks = 16;
    public const string ChunksProperty = "Chunks";
    public const string StampsProperty = "Stamps";

    public static string RowKey(int year, int month) => $"m-{year:D4}{month:D2}";

    public static string RowKey(DateOnly day) => RowKey(day.Year, day.Month);

    /// <summary>The first day of the month a row key names.</summary>
    public static DateOnly MonthOf(string rowKey) =>
        new(int.Parse(rowKey.AsSpan(2, 4), CultureInfo.InvariantCulture), int.Parse(rowKey.AsSpan(6, 2), CultureInfo.InvariantCulture), 1);

    /// <summary>The text of some days, in a stable order (day, mode, currency) so equal months encode equally.</summary>
    public static string Encode(IEnumerable<DailyRollup> days)
    {
        var text = new StringBuilder();
        foreach (var d in days.OrderBy(d => d.Day).ThenBy(d => d.Mode, StringComparer.Ordinal).ThenBy(d => d.Totals.Currency.Code, StringComparer.Ordinal))
        {
            var t = d.Totals;
            text.Append(d.Day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)).Append(';').Append(d.Mode).Append(';').Append(t.Currency.Code);
            foreach (var n in (ReadOnlySpan<long>)[t.Payments, t.Successes, t.Volume.Minor, t.ProcessingFees.Minor, t.CommissionDeducted.Minor,
                         t.CommissionOwed.Minor, t.CommissionCollected.Minor, t.Tips.Minor, t.Refunds.Minor, t.NetEarnings.Minor, t.FeesSaved.Minor,
                         t.DurationMsTotal, t.DurationCount, t.RefundedPayments, t.DisputedPayments, d.ReturningClients])
                text.Append(';').Append(n.ToString(CultureInfo.InvariantCulture));
            text.Append(';');
            for (var i = 0; i < d.ClientIds.Count; i++)
            {
                if (i > 0) text.Append(',');
                text.Append(d.ClientIds[i].ToString(CultureInfo.InvariantCulture));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    public static IReadOnlyList<DailyRollup> Decode(string text)
    {
        var days = new List<DailyRollup>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(';');
            if (f.Length != 20) throw new FormatException($"A stored rollup line has {f.Length} fields, not 20.");
            var day = DateOnly.ParseExact(f[0], "yyyyMMdd", CultureInfo.InvariantCulture);
            if (!Currency.TryParse(f[2], out var currency)) throw new FormatException($"A stored rollup names an unknown currency {f[2]}.");
            long N(int i) => long.Parse(f[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            Money M(int i) => new(N(i), currency);
            var totals = new ModeTotals(currency, (int)N(3), (int)N(4), M(5), M(6), M(7), M(8), M(9), M(10), M(11), M(12), M(13),
                N(14), (int)N(15), (int)N(16), (int)N(17));
            var clients = f[19].Length == 0
                ? []
                : f[19].Split(',').Select(c => int.Parse(c, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)).ToArray();
            days.Add(new DailyRollup(day, f[1], totals, clients, (int)N(18)));
        }
        return days;
    }

    /// <summary>The month's row: its days' text over chunk properties.</summary>
    public static TableEntity ToEntity(string partitionKey, DateOnly month, IEnumerable<DailyRollup> days)
    {
        var entity = new TableEntity(partitionKey, RowKey(month));
        WriteText(entity, Encode(days));
        return entity;
    }

    /// <summary>Puts <paramref name="text"/> on the row as chunk properties (a row with too much text is refused).</summary>
    public static void WriteText(TableEntity entity, string text)
    {
        var chunks = (text.Length + ChunkChars - 1) / ChunkChars;
        if (chunks > MaxChunks)
            throw new InvalidOperationException($"Row {entity.RowKey} would take {text.Length} characters, more than a row holds ({MaxChunks * ChunkChars}).");
        entity[ChunksProperty] = chunks;
        for (var i = 0; i < chunks; i++)
            entity["D" + i.ToString(CultureInfo.InvariantCulture)] = text.Substring(i * ChunkChars, Math.Min(ChunkChars, text.Length - i * ChunkChars));
    }

    /// <summary>
    /// When the ledger read that computed each day of the month started (Unix milliseconds), as <c>dd:ms</c> pairs: a
    /// merge keeps a day computed from a later read (<see cref="RollupStore.MergeDaysAsync"/>).
    /// </summary>
    public static Dictionary<DateOnly, long> StampsOf(TableEntity entity)
    {
        var month = MonthOf(entity.RowKey);
        var stamps = new Dictionary<DateOnly, long>();
        foreach (var pair in (entity.GetString(StampsProperty) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':');
            stamps[month.AddDays(int.Parse(pair.AsSpan(0, colon), CultureInfo.InvariantCulture) - 1)] = long.Parse(pair.AsSpan(colon + 1), CultureInfo.InvariantCulture);
        }
        return stamps;
    }

    public static void WriteStamps(TableEntity entity, IReadOnlyDictionary<DateOnly, long> stamps) =>
        entity[StampsProperty] = string.Join(',', stamps.OrderBy(p => p.Key).Select(p =>
            p.Key.Day.ToString(CultureInfo.InvariantCulture) + ":" + p.Value.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The text a month row holds (its chunks joined).</summary>
    public static string TextOf(TableEntity entity)
    {
        var chunks = entity.GetInt32(ChunksProperty) ?? 0;
        var text = new StringBuilder();
        for (var i = 0; i < chunks; i++) text.Append(entity.GetString("D" + i.ToString(CultureInfo.InvariantCulture)));
        return text.ToString();
    }

    public static IReadOnlyList<DailyRollup> FromEntity(TableEntity entity) => Decode(TextOf(entity));
}
