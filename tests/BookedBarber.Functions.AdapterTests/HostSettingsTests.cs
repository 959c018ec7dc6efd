using System.Text.Json;
using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.Http;
using NCrontab;

namespace BookedBarber.Functions.AdapterTests;

/// <summary>host.json and the sample settings agree with the application: route prefix and schedules.</summary>
public sealed class HostSettingsTests
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    [Fact]
    public void HostJson_RoutePrefix_IsTheApplicationsPrefix()
    {
        using var host = ReadJson("host.json");

        var prefix = host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString();

        Assert.Equal(RouteTable.Prefix, prefix);
    }

    [Fact]
    public void SampleSettings_HoldEveryScheduleSetting_WithItsDefault()
    {
        using var settings = ReadJson("local.settings.sample.json");
        var values = settings.RootElement.GetProperty("Values");

        Assert.All(AppCatalog.Schedules, schedule =>
        {
            Assert.True(values.TryGetProperty(schedule.Setting, out var value), $"local.settings.sample.json has no Values.{schedule.Setting}.");
            Assert.Equal(schedule.DefaultSchedule, value.GetString());
        });
    }

    [Fact]
    public void EveryDefaultSchedule_IsSixFieldNcrontab()
    {
        Assert.All(AppCatalog.Schedules, schedule =>
        {
            Assert.Equal(6, schedule.DefaultSchedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            CrontabSchedule.Parse(schedule.DefaultSchedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        });
    }

    private static JsonDocument ReadJson(string relativePath) => JsonDocument.Parse(File.ReadAllText(RepoPaths.File(relativePath)), Lenient);
}
