namespace BookedBarber.Payments.Processors.Square;

/// <summary>Options of <see cref="SquareClient"/>.</summary>
public sealed class SquareClientOptions
{
    public static readonly Uri ProductionAddress = new("https://connect.squareup.com");

    public static readonly Uri SandboxAddress = new("https://connect.squareupsandbox.com");

    /// <summary>The Square version of api.json in /work/shared/reference/square.</summary>
    public const string DefaultSquareVersion = "2025-08-20";

    /// <summary>Square's API root (production, sandbox or a simulator such as http://127.0.0.1:41234).</summary>
    public Uri BaseAddress { get; set; } = ProductionAddress;

    /// <summary>The <c>Square-Version</c> header sent with every request.</summary>
    public string SquareVersion { get; set; } = DefaultSquareVersion;
}
