using System.Globalization;

namespace BookedBarber.Payments.Ledger;

/// <summary>An attempt's identity, fixed before it is recorded so an <c>Idempotency-Key</c> can point at it (<see cref="Subject"/>).</summary>
public sealed record AttemptKey(int BarberId, string AttemptId, DateTimeOffset CreatedAt)
{
    public static AttemptKey New(int barberId, TimeProvider clock) => new(barberId, Guid.NewGuid().ToString("N")[..24], clock.GetUtcNow());

    public string RowKey => RowKeyOf(CreatedAt, AttemptId);

    /// <summary>"{barber id}/{ledger row}": what an idempotency record names.</summary>
    public string Subject => $"{BarberId.ToString(CultureInfo.InvariantCulture)}/{RowKey}";

    public static bool TryParseSubject(string? subject, out int barberId, out string rowKey)
    {
        var slash = subject?.IndexOf('/') ?? -1;
        rowKey = slash > 0 ? subject![(slash + 1)..] : "";
        barberId = 0;
        return slash > 0 && int.TryParse(subject.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out barberId) && rowKey.StartsWith("pay-", StringComparison.Ordinal);
    }

    internal static string RowKeyOf(DateTimeOffset createdAt, string attemptId) => $"{RowKeyAt(createdAt)}-{attemptId}";

    /// <summary>Where attempts created at <paramref name="at"/> sort among the barber's rows: the bound of a time-range read.</summary>
    internal static string RowKeyAt(DateTimeOffset at) => $"pay-{at.UtcDateTime:yyyyMMddHHmmssfffffff}";
}
