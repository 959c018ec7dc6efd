using Azure.Data.Tables;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Payments.Analytics.SixFigure;

/// <summary>Row <c>sixfigure</c> of the barber's partition of the analytics table.</summary>
public sealed class SixFigureSettingsStore(StorageAccount storage)
{
    public const string Row = "sixfigure";

    private TableClient Table => storage.Table(storage.Names.Analytics);

    /// <summary>The barber's settings; the defaults when they never set any.</summary>
    public async Task<SixFigureSettings> GetAsync(int barberId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(LedgerPartition.For(barberId), Row, cancellationToken: cancellationToken);
        if (!found.HasValue) return SixFigureSettings.Default(barberId);
        var e = found.Value!;
        return new SixFigureSettings(
            barberId,
            decimal.Parse(e.GetString("AnnualTarget") ?? "100000", System.Globalization.CultureInfo.InvariantCulture),
            e.GetBoolean("Enrolled") ?? false,
            e.GetDateTimeOffset("StartDate"),
            e.GetDateTimeOffset("UpdatedAt"));
    }

    public async Task PutAsync(SixFigureSettings settings, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(LedgerPartition.For(settings.BarberId), Row)
        {
            // Decimal is not a table type: kept as invariant text so the target round-trips exactly.
            ["AnnualTarget"] = settings.AnnualTarget.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Enrolled"] = settings.Enrolled,
            ["StartDate"] = settings.StartDate,
            ["UpdatedAt"] = settings.UpdatedAt,
        }, TableUpdateMode.Replace, cancellationToken);
}
