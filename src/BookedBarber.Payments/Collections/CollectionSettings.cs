using System.Globalization;
using BookedBarber.Payments.Configuration;
using Microsoft.Extensions.Configuration;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// The platform's collection policy: the smallest amount worth collecting (major units of the collection's currency;
/// less carries over), the notice before a collection is charged, the dunning schedule (days after each failure), the
/// largest share of any one centralized payment netting may take, and when a charge in flight counts as stuck.
/// </summary>
public sealed record CollectionSettings(
    decimal MinimumCollectionAmount = CollectionSettings.DefaultMinimum,
    int NoticeDays = 1,
    IReadOnlyList<int>? RetryDays = null,
    decimal NettingMaxShare = CollectionSettings.DefaultNettingMaxShare,
    TimeSpan? StuckAfter = null)
{
    public const decimal DefaultMinimum = 25.00m;
    public const decimal DefaultNettingMaxShare = 0.25m;

    public IReadOnlyList<int> Retries => RetryDays ?? [1, 3, 7];

    public TimeSpan Stuck => StuckAfter ?? TimeSpan.FromHours(2);

    public static CollectionSettings From(IConfiguration configuration)
    {
        string? Get(string name) => configuration[name] is { Length: > 0 } v ? v : null;
        return new CollectionSettings(
            Get(SettingNames.MinimumCollectionAmount) is { } min ? PaymentsSettings.Rate(min, SettingNames.MinimumCollectionAmount) : DefaultMinimum,
            Get(SettingNames.CollectionNoticeDays) is { } days ? Whole(days, SettingNames.CollectionNoticeDays, 0, 30) : 1,
            Get(SettingNames.CollectionRetryDays) is { } retries
                ? retries.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(d => Whole(d, SettingNames.CollectionRetryDays, 1, 60)).ToArray()
                : null,
            Get(SettingNames.NettingMaxShare) is { } share && PaymentsSettings.Rate(share, SettingNames.NettingMaxShare) is var s && s <= 1
                ? s : Get(SettingNames.NettingMaxShare) is null ? DefaultNettingMaxShare
                : throw new InvalidOperationException($"{SettingNames.NettingMaxShare} must be a share between 0 and 1."),
            PaymentsSettings.Seconds(Get(SettingNames.CollectionStuckAfter), SettingNames.CollectionStuckAfter));
    }

    private static int Whole(string value, string name, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n : throw new InvalidOperationException($"{name} must be whole numbers from {min} to {max}.");
}
