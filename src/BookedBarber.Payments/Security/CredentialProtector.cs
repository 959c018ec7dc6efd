using System.Security.Cryptography;
using System.Text;

namespace BookedBarber.Payments.Security;

/// <summary>
/// Encrypts processors' credentials at rest with AES-256-GCM. Each ciphertext names the key that sealed it
/// (<c>v1.{keyId}.{nonce}.{ciphertext}.{tag}</c>), so keys rotate: the first configured key seals, every
/// configured key opens. The barber id is bound in as associated data, so a blob copied to another barber fails.
/// </summary>
public sealed class CredentialProtector
{
    private const string Version = "v1";
    private readonly (string Id, byte[] Key)[] _keys;

    public CredentialProtector(string keyRing)
    {
        _keys = Parse(keyRing);
        if (_keys.Length == 0) throw new InvalidOperationException("CREDENTIAL_ENCRYPTION_KEYS holds no key.");
    }

    public string CurrentKeyId => _keys[0].Id;

    /// <summary>A key ring of one fresh key, in the setting's format: <c>keyId:base64</c>.</summary>
    public static string NewKeyRing(string keyId) => $"{keyId}:{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}";

    public string Protect(string plaintext, int barberId)
    {
        var (id, key) = _keys[0];
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var cipher = new byte[data.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(key, tag.Length);
        aes.Encrypt(nonce, data, cipher, tag, AssociatedData(barberId));
        return string.Join('.', Version, id, B64(nonce), B64(cipher), B64(tag));
    }

    public string Unprotect(string protectedValue, int barberId)
    {
        var parts = protectedValue.Split('.');
        if (parts.Length != 5 || parts[0] != Version) throw new CryptographicException("Not a protected credential.");
        var key = _keys.FirstOrDefault(k => k.Id == parts[1]).Key
            ?? throw new CryptographicException($"Credential sealed with key '{parts[1]}', which is no longer configured.");
        var (nonce, cipher, tag) = (FromB64(parts[2]), FromB64(parts[3]), FromB64(parts[4]));
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(key, tag.Length);
        aes.Decrypt(nonce, cipher, tag, plain, AssociatedData(barberId));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>True when the value was sealed with an older key and should be re-sealed.</summary>
    public bool NeedsRotation(string protectedValue) => protectedValue.Split('.') is [_, var id, ..] && id != CurrentKeyId;

    private static byte[] AssociatedData(int barberId) => Encoding.UTF8.GetBytes($"barber:{barberId}");

    private static (string, byte[])[] Parse(string keyRing) => keyRing
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(entry => entry.Split(':', 2) is [var id, var key] && id.Length > 0 && !id.Contains('.')
            ? (id, Convert.FromBase64String(key) is { Length: 32 } bytes ? bytes : throw new InvalidOperationException($"Key '{id}' must be 32 bytes."))
            : throw new InvalidOperationException("CREDENTIAL_ENCRYPTION_KEYS entries are keyId:base64 separated by ';'."))
        .ToArray();

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);

    private static byte[] FromB64(string text) => Convert.FromBase64String(text);
}
