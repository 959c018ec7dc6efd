namespace BookedBarber.Payments.Connections;

/// <summary>A message on the <c>connection-maintenance</c> queue: look after one connection (today: refresh its Square token when due).</summary>
public sealed record ConnectionMaintenanceMessage(int BarberId, int ConnectionId)
{
    public const string QueueName = "connection-maintenance";
}
