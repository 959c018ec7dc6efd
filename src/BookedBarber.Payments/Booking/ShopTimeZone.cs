using BookedBarber.Payments.Errors;

namespace BookedBarber.Payments.Booking;

/// <summary>
/// The time zone a shop counts its days in: an IANA name ("America/New_York"), never a Windows name or an offset, so
/// the same name means the same days on every host.
/// </summary>
public static class ShopTimeZone
{
    /// <summary>The zone of a valid IANA name; a validation error (field <c>time_zone</c>) for anything else.</summary>
    public static TimeZoneInfo Parse(string name)
    {
        if (TryFind(name, out var zone)) return zone;
        throw DomainException.Validation("time_zone", "time_zone must be an IANA time zone name such as America/New_York.");
    }

    /// <summary>The zone of a stored name; UTC when the name is unset or no longer known to this host.</summary>
    public static TimeZoneInfo OrUtc(string? name) => name is not null && TryFind(name, out var zone) ? zone : TimeZoneInfo.Utc;

    private static bool TryFind(string name, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || name != name.Trim()) return false;
        // A Windows name would resolve on this host too (ICU maps it); only names the IANA database itself has are taken.
        if (!TimeZoneInfo.TryConvertIanaIdToWindowsId(name, out _) && name is not ("UTC" or "Etc/UTC")) return false;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(name, out var found)) return false;
        zone = found;
        return true;
    }
}
