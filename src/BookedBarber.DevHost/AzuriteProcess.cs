using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BookedBarber.DevHost;

/// <summary>
/// A private Azurite (from the repo's node_modules) on free loopback ports, stopped with its process tree on dispose.
/// Used by ./dev.sh when no storage is configured, and by the tests.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>Starts Azurite; <paramref name="dataDirectory"/> null keeps everything in memory (tests).</summary>
    public static async Task<AzuriteProcess> StartAsync(string? dataDirectory, CancellationToken cancellationToken = default)
    {
        var azurite = Path.Combine(RepoPaths.Root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
            throw new InvalidOperationException($"Azurite is not installed: run `npm ci` in {RepoPaths.Root} (./dev.sh and ./test.sh do).");

        var (blob, queue, table) = (ChildProcesses.FreePort(), ChildProcesses.FreePort(), ChildProcesses.FreePort());
        var start = new ProcessStartInfo(azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var arg in new[] { "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", $"{blob}", "--queuePort", $"{queue}", "--tablePort", $"{table}" })
            start.ArgumentList.Add(arg);
        if (dataDirectory is null) start.ArgumentList.Add("--inMemoryPersistence");
        else
        {
            Directory.CreateDirectory(dataDirectory);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(dataDirectory);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azuriteProcess = new AzuriteProcess(process, blob, queue, table);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in new[] { queue, table })
        {
            while (!await AcceptsAsync(port, cancellationToken))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    await azuriteProcess.DisposeAsync();
                    throw new InvalidOperationException($"Azurite did not start listening on port {port}.");
                }
                await Task.Delay(100, cancellationToken);
            }
        }
        return azuriteProcess;
    }

    public ValueTask DisposeAsync() => new(ChildProcesses.StopTreeAsync(_process));


    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
