using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace BookedBarber.Payments.Analytics.Rollups.Storage;

/// <summary>
/// The local day each client first paid a barber, kept for incremental updates (a day's returning clients are those who
/// first paid on an earlier day). Spread over <see cref="Buckets"/> rows <c>c-NN</c> by client id, so an update reads
/// only the rows of the clients it saw; each row is <c>id:yyyyMMdd</c> pairs in chunk properties.
/// </summary>
public static class FirstPaidCodec
{
    public const int Buckets = 32;
    public const string Prefix = "c-";

    public static string RowKey(int bucket) => Prefix + bucket.ToString("D2", CultureInfo.InvariantCulture);

    public static int BucketOf(int clientId) => (int)((uint)clientId % Buckets);

    public static string Encode(IEnumerable<KeyValuePair<int, DateOnly>> firstPaid)
    {
        var text = new StringBuilder();
        foreach (var (client, day) in firstPaid.OrderBy(p => p.Key))
        {
            if (text.Length > 0) text.Append(',');
            text.Append(client.ToString(CultureInfo.InvariantCulture)).Append(':').Append(day.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    public static Dictionary<int, DateOnly> Decode(string text)
    {
        var map = new Dictionary<int, DateOnly>();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':');
            map[int.Parse(pair.AsSpan(0, colon), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)] =
                DateOnly.ParseExact(pair.AsSpan(colon + 1), "yyyyMMdd", CultureInfo.InvariantCulture);
        }
        return map;
    }

    public static TableEntity ToEntity(string partitionKey, int bucket, IEnumerable<KeyValuePair<int, DateOnly>> firstPaid)
    {
        var entity = new TableEntity(partitionKey, RowKey(bucket));
        RollupMonthCodec.WriteText(entity, Encode(firstPaid));
        return entity;
    }

    public static Dictionary<int, DateOnly> FromEntity(TableEntity entity) => Decode(RollupMonthCodec.TextOf(entity));
}
