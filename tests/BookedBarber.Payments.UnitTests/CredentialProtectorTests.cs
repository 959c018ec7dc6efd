using System.Security.Cryptography;
using BookedBarber.Payments.Security;

namespace BookedBarber.Payments.UnitTests;

public sealed class CredentialProtectorTests
{
    [Fact]
    public void ProtectedCredentials_RoundTrip_AndNeverContainThePlaintext()
    {
        var protector = new CredentialProtector(CredentialProtector.NewKeyRing("k1"));
        var sealedToken = protector.Protect("EAAAE-square-access-token", barberId: 1);

        Assert.DoesNotContain("square-access-token", sealedToken);
        Assert.StartsWith("v1.k1.", sealedToken);
        Assert.Equal("EAAAE-square-access-token", protector.Unprotect(sealedToken, 1));
        Assert.NotEqual(sealedToken, protector.Protect("EAAAE-square-access-token", 1)); // fresh nonce every time
    }

    [Fact]
    public void AnotherBarbersCredential_OrATamperedOne_DoesNotOpen()
    {
        var protector = new CredentialProtector(CredentialProtector.NewKeyRing("k1"));
        var sealedToken = protector.Protect("secret", 1);
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(sealedToken, 2));
        var parts = sealedToken.Split('.');
        parts[3] = Convert.ToBase64String(Convert.FromBase64String(parts[3]).Select(b => (byte)(b ^ 1)).ToArray());
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(string.Join('.', parts), 1));
    }

    [Fact]
    public void KeysRotate_NewKeySeals_OldKeyStillOpens()
    {
        var oldRing = CredentialProtector.NewKeyRing("2026-01");
        var sealedWithOld = new CredentialProtector(oldRing).Protect("secret", 3);
        var rotated = new CredentialProtector(CredentialProtector.NewKeyRing("2026-11") + ";" + oldRing);

        Assert.Equal("secret", rotated.Unprotect(sealedWithOld, 3));
        Assert.True(rotated.NeedsRotation(sealedWithOld));
        Assert.False(rotated.NeedsRotation(rotated.Protect("secret", 3)));
        Assert.ThrowsAny<CryptographicException>(() => new CredentialProtector(CredentialProtector.NewKeyRing("other")).Unprotect(sealedWithOld, 3));
    }

    [Theory]
    [InlineData("")]
    [InlineData("nokey")]
    [InlineData("k1:c2hvcnQ=")]
    public void BadKeyRings_AreRefused(string ring) => Assert.Throws<InvalidOperationException>(() => new CredentialProtector(ring));
}
