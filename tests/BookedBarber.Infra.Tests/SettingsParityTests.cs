using BookedBarber.Payments.Catalog;

namespace BookedBarber.Infra.Tests;

/// <summary>
/// The application, local.settings.sample.json and the Bicep name the same settings, up to the differences
/// SettingsInventory lists. A new setting must be added to all three (or given a reason there).
/// </summary>
public sealed class SettingsParityTests
{
    [Fact]
    public void LocalSample_NamesWhatTheApplicationReads()
    {
        var local = SettingsInventory.LocalSample().Select(kv => kv.Key);

        var difference = SettingsInventory.Difference(local, SettingsInventory.ExpectedLocally);
        Assert.True(difference.Length == 0, $"local.settings.sample.json: {difference}");
    }

    [Fact]
    public void Bicep_NamesWhatTheApplicationReads()
    {
        var azure = SettingsInventory.Bicep(BicepCompiler.MainTemplate).Select(kv => kv.Key);

        var difference = SettingsInventory.Difference(azure, SettingsInventory.ExpectedInAzure);
        Assert.True(difference.Length == 0, $"infra/app/appsettings.bicep: {difference}");
    }

    [Fact]
    public void LocalSample_And_Bicep_DifferOnlyInHowStorageIsReached()
    {
        var local = SettingsInventory.LocalSample().Select(kv => kv.Key).ToHashSet();
        var azure = SettingsInventory.Bicep(BicepCompiler.MainTemplate).Select(kv => kv.Key).ToHashSet();
        var explained = SettingsInventory.ConnectionStringStorage
            .Concat(SettingsInventory.IdentityStorage)
            .Concat(SettingsInventory.HostOnlyLocal)
            .Concat(SettingsInventory.HostOnlyAzure)
            .ToHashSet();

        Assert.Empty(local.Except(azure).Except(explained));
        Assert.Empty(azure.Except(local).Except(explained));
    }

    [Theory]
    [MemberData(nameof(Schedules))]
    public void LocalSample_SchedulesAreTheCatalogDefaults(string setting, string schedule)
    {
        Assert.Equal(schedule, SettingsInventory.LocalSample()[setting]?.ToString());
    }

    public static TheoryData<string, string> Schedules()
    {
        var data = new TheoryData<string, string>();
        foreach (var s in AppCatalog.Schedules) data.Add(s.Setting, s.DefaultSchedule);
        return data;
    }

    [Theory]
    [MemberData(nameof(UpcomingSecrets))]
    public void LocalSample_LeavesProcessorSecretsEmpty(string setting)
    {
        // The sample is committed: it may name a secret, never hold one.
        Assert.Equal("", SettingsInventory.LocalSample()[setting]?.ToString());
    }

    public static TheoryData<string> UpcomingSecrets() => new(SettingsInventory.Upcoming);
}
