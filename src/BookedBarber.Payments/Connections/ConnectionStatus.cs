namespace BookedBarber.Payments.Connections;

public static class ConnectionStatus
{
    public const string Connected = "connected";
    public const string Disconnected = "disconnected";
    public const string Error = "error";
}
