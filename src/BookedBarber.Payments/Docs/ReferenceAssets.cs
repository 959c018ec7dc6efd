using System.Collections.Frozen;
using System.IO.Compression;
using Microsoft.AspNetCore.StaticFiles;
using Swashbuckle.AspNetCore.SwaggerUI;

namespace BookedBarber.Payments.Docs;

/// <summary>
/// Swagger UI's files, read from the embedded resources of the Swashbuckle.AspNetCore.SwaggerUI package, so the
/// interactive reference needs no CDN and both hosts serve it through the catalog (the Functions app has no static
/// files middleware of ours). Only the files the page references are served.
/// </summary>
public static class ReferenceAssets
{
    private const string ResourcePrefix = "Swashbuckle.AspNetCore.SwaggerUI.node_modules.swagger_ui_dist.";

    /// <summary>Where the page finds them: <c>/api/v1/docs/assets/{file}</c>.</summary>
    public const string Route = "docs/assets";

    public static readonly IReadOnlyList<string> Files = ["swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png"];

    private static readonly Lazy<FrozenDictionary<string, Asset>> Loaded = new(Load);

    public static Asset? Find(string? file) => file is not null && Loaded.Value.TryGetValue(file, out var asset) ? asset : null;

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(SwaggerUIOptions).Assembly;
        var types = new FileExtensionContentTypeProvider();
        return Files.ToFrozenDictionary(file => file, file =>
        {
            using var stream = assembly.GetManifestResourceStream(ResourcePrefix + file)
                ?? throw new InvalidOperationException($"Swagger UI's {file} is not embedded in {assembly.GetName()}.");
            // The package embeds its files gzipped (and unzips them in its own middleware).
            using var gzipped = new MemoryStream();
            stream.CopyTo(gzipped);
            using var plain = new MemoryStream();
            using (var unzip = new GZipStream(new MemoryStream(gzipped.ToArray()), CompressionMode.Decompress)) unzip.CopyTo(plain);
            var contentType = types.TryGetContentType(file, out var type) ? type : "application/octet-stream";
            if (contentType.StartsWith("text/", StringComparison.Ordinal)) contentType += "; charset=utf-8";
            return new Asset(plain.ToArray(), gzipped.ToArray(), contentType);
        }, StringComparer.Ordinal);
    }
}
