using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using BookedBarber.Payments.Configuration;

namespace BookedBarber.Payments.Storage;

/// <summary>
/// The storage account's table and queue clients, from a connection string (Azurite, local) or the
/// managed identity and service URIs (Azure). Queue messages are base64, as the Functions queue trigger expects.
/// </summary>
public sealed class StorageAccount
{
    public StorageAccount(PaymentsSettings settings)
    {
        Names = new StorageNames(settings.StorageNamePrefix);
        var tableOptions = new TableClientOptions();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        Tune(tableOptions.Retry);
        Tune(queueOptions.Retry);
        if (settings.StorageConnectionString is { } connection)
        {
            Tables = new TableServiceClient(connection, tableOptions);
            Queues = new QueueServiceClient(connection, queueOptions);
        }
        else if (settings.TableServiceUri is { } tableUri && settings.QueueServiceUri is { } queueUri)
        {
            TokenCredential credential = settings.StorageClientId is { } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new DefaultAzureCredential();
            Tables = new TableServiceClient(tableUri, credential, tableOptions);
            Queues = new QueueServiceClient(queueUri, credential, queueOptions);
        }
        else
        {
            throw new InvalidOperationException(
                $"Configure storage: {SettingNames.StorageConnection} (connection string) or {SettingNames.StorageTableServiceUri} and {SettingNames.StorageQueueServiceUri} (managed identity).");
        }
    }

    public StorageNames Names { get; }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public TableClient Table(string name) => Tables.GetTableClient(name);

    public QueueClient Queue(string catalogQueueName) => Queues.GetQueueClient(Names.Queue(catalogQueueName));

    // A request should fail fast enough to answer within the API's latency budget, not retry for a minute.
    private static void Tune(RetryOptions retry)
    {
        retry.MaxRetries = 3;
        retry.Delay = TimeSpan.FromMilliseconds(100);
        retry.MaxDelay = TimeSpan.FromSeconds(2);
        retry.NetworkTimeout = TimeSpan.FromSeconds(10);
    }
}
