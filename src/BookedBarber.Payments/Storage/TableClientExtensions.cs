using Azure;
using Azure.Data.Tables;

namespace BookedBarber.Payments.Storage;

public static class TableClientExtensions
{
    /// <summary>Inserts the entity unless one with its keys exists: the one conditional write behind "add if absent" and "first claim wins".</summary>
    public static async Task<bool> TryAddEntityAsync(this TableClient table, ITableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }
}
