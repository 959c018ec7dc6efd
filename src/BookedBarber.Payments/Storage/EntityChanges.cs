using Azure.Data.Tables;

namespace BookedBarber.Payments.Storage;

/// <summary>Shorthands for the two decisions a change function makes.</summary>
public static class EntityChanges
{
    /// <summary>Write <paramref name="entity"/> (add when the row was absent, replace under its ETag otherwise).</summary>
    public static EntityChange<T> Write<T>(ITableEntity entity, T result) => new(entity, result);

    /// <summary>Leave the row as it is.</summary>
    public static EntityChange<T> Keep<T>(T result) => new(null, result);
}
