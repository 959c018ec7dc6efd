using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BookedBarber.DevHost;

/// <summary>What the dev host and the benchmark need to run helper processes: a free loopback port, and a clean stop.</summary>
public static class ChildProcesses
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the process with everything it started (Azurite runs node under a shell shim) and waits for it.</summary>
    public static async Task StopTreeAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // Already gone.
        }
        process.Dispose();
    }
}
