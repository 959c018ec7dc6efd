using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;

namespace BookedBarber.Payments.Sync;

/// <summary>Where sync reads a processor's payments: one implementation per processor type.</summary>
public interface IPaymentSource
{
    string ProcessorType { get; }

    /// <summary>The page at <paramref name="cursor"/> (null: the first) of payments created in [begin, end), oldest first.</summary>
    Task<SourcePage> ReadPageAsync(ProcessorConnection connection, DateTimeOffset begin, DateTimeOffset end, string? cursor, CancellationToken cancellationToken);

    /// <summary>The named payments as the processor sees them now (a webhook's targeted refresh); unknown ids are skipped.</summary>
    Task<IReadOnlyList<ExternalTransaction>> GetAsync(ProcessorConnection connection, IReadOnlyList<string> paymentIds, CancellationToken cancellationToken);
}
