using BookedBarber.Payments.Security;

namespace BookedBarber.DevHost;

/// <summary>
/// The dev host's secrets — its HS256 key and its credential-encryption key ring — generated once into the data
/// directory, so tokens from <c>./dev.sh token</c> and stored credentials keep working across restarts and
/// nothing secret is committed.
/// </summary>
public static class DevSecrets
{
    public static string LoadOrCreate(string dataDirectory) =>
        LoadOrCreate(dataDirectory, "jwt-signing-key", () => Convert.ToBase64String(TokenIssuer.NewSigningKey()));

    public static string CredentialKeyRing(string dataDirectory) =>
        LoadOrCreate(dataDirectory, "credential-keys", () => CredentialProtector.NewKeyRing("dev1"));

    private static string LoadOrCreate(string dataDirectory, string name, Func<string> create)
    {
        var path = Path.Combine(dataDirectory, name);
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        Directory.CreateDirectory(dataDirectory);
        var key = create();
        File.WriteAllText(path, key);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }
}
