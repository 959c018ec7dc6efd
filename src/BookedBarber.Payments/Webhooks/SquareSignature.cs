using System.Security.Cryptography;
using System.Text;

namespace BookedBarber.Payments.Webhooks;

/// <summary>
/// Square's webhook signatures: <c>x-square-hmacsha256-signature</c> = base64 HMAC-SHA256(signature key, notification
/// URL + raw body); the legacy <c>X-Square-Signature</c> = base64 HMAC-SHA1 of the same. Compared in constant time.
/// </summary>
public static class SquareSignature
{
    public const string Header = "x-square-hmacsha256-signature";
    public const string LegacyHeader = "X-Square-Signature";

    public static string ComputeSha256(string signatureKey, string notificationUrl, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signatureKey), Signed(notificationUrl, body)));

    public static string ComputeSha1(string signatureKey, string notificationUrl, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(signatureKey), Signed(notificationUrl, body)));

    /// <summary>True when the SHA-256 signature (or, without it, the legacy SHA-1 one) is the body's.</summary>
    public static bool Verify(string signatureKey, string notificationUrl, ReadOnlySpan<byte> body, string? sha256, string? sha1)
    {
        if (sha256 is not null) return Matches(sha256, HMACSHA256.HashData(Encoding.UTF8.GetBytes(signatureKey), Signed(notificationUrl, body)));
        if (sha1 is not null) return Matches(sha1, HMACSHA1.HashData(Encoding.UTF8.GetBytes(signatureKey), Signed(notificationUrl, body)));
        return false;
    }

    private static byte[] Signed(string notificationUrl, ReadOnlySpan<byte> body)
    {
        var url = Encoding.UTF8.GetBytes(notificationUrl);
        var signed = new byte[url.Length + body.Length];
        url.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(url.Length));
        return signed;
    }

    private static bool Matches(string header, byte[] expected)
    {
        var given = new byte[expected.Length];
        return Convert.TryFromBase64String(header.Trim(), given, out var written) && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
