using BookedBarber.Payments.Configuration;
using Microsoft.Extensions.Configuration;

namespace BookedBarber.Payments.UnitTests;

public sealed class PaymentsSettingsTests
{
    private static PaymentsSettings From(params (string Key, string Value)[] values) =>
        PaymentsSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build());

    [Fact]
    public void UnresolvedKeyVaultReference_IsNeverTakenAsASigningKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => From((SettingNames.AuthSigningKey, "@Microsoft.KeyVault(VaultName=kv-abc;SecretName=AUTH-SIGNING-KEY)")));
        Assert.Contains(SettingNames.AuthSigningKey, error.Message);
    }

    [Fact]
    public void ShortSigningKey_IsRefused() =>
        Assert.Throws<InvalidOperationException>(() => From((SettingNames.AuthSigningKey, "c2hvcnQ=")));

    [Fact]
    public void RateLimitOverrides_AreReadPerCategory()
    {
        var settings = From((SettingNames.AuthSigningKey, Convert.ToBase64String(new byte[32])), ("RATE_LIMIT_PAYMENT_ROUTING", "5"));
        Assert.Equal(5, settings.RateLimitOverrides["payment_routing"]);
        Assert.Equal(PaymentsSettings.DefaultIssuer, settings.Auth.Issuer);
    }
}
