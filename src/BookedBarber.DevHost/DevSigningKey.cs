using BookedBarber.Payments.Security;

namespace BookedBarber.DevHost;

/// <summary>
/// The dev host's HS256 key: generated once into the data directory, so tokens from <c>./dev.sh token</c>
/// keep working across restarts and nothing secret is committed.
/// </summary>
public static class DevSigningKey
{
    public static string LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "jwt-signing-key");
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        Directory.CreateDirectory(dataDirectory);
        var key = Convert.ToBase64String(TokenIssuer.NewSigningKey());
        File.WriteAllText(path, key);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }
}
