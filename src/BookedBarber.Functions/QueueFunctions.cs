using Azure.Storage.Queues.Models;
using BookedBarber.Payments.Queues;
using Microsoft.Azure.Functions.Worker;

namespace BookedBarber.Functions;

/// <summary>One function per catalog queue, handing each message to the application's handler for that queue.</summary>
public sealed class QueueFunctions(QueueDispatcher queues)
{
    [Function("MaintenanceQueue")]
    public Task MaintenanceQueue([QueueTrigger("maintenance", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        queues.HandleAsync(new QueueDelivery("maintenance", message.MessageId, message.Body.ToString(), message.DequeueCount), cancellationToken);

    [Function("PaymentReconciliationQueue")]
    public Task PaymentReconciliationQueue([QueueTrigger("payment-reconciliation", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        queues.HandleAsync(new QueueDelivery("payment-reconciliation", message.MessageId, message.Body.ToString(), message.DequeueCount), cancellationToken);

    [Function("ConnectionMaintenanceQueue")]
    public Task ConnectionMaintenanceQueue([QueueTrigger("connection-maintenance", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        queues.HandleAsync(new QueueDelivery("connection-maintenance", message.MessageId, message.Body.ToString(), message.DequeueCount), cancellationToken);

    [Function("TransactionSyncQueue")]
    public Task TransactionSyncQueue([QueueTrigger("transaction-sync", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        queues.HandleAsync(new QueueDelivery("transaction-sync", message.MessageId, message.Body.ToString(), message.DequeueCount), cancellationToken);

    [Function("WebhookEventsQueue")]
    public Task WebhookEventsQueue([QueueTrigger("webhook-events", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        queues.HandleAsync(new QueueDelivery("webhook-events", message.MessageId, message.Body.ToString(), message.DequeueCount), cancellationToken);

    [Function("CommissionCollectionQueue")]
    public Task CommissionCollectionQueue([QueueTrigger("commission-collection", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        queues.HandleAsync(new QueueDelivery("commission-collection", message.MessageId, message.Body.ToString(), message.DequeueCount), cancellationToken);

    [Function("AnalyticsRollupQueue")]
    public Task AnalyticsRollupQueue([QueueTrigger("analytics-rollup", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        queues.HandleAsync(new QueueDelivery("analytics-rollup", message.MessageId, message.Body.ToString(), message.DequeueCount), cancellationToken);
}
