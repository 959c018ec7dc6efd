using System.Globalization;
using System.Text.RegularExpressions;

namespace BookedBarber.Payments.ExternalTransactions;

/// <summary>
/// How a processor payment names the booking it paid: <c>bb-appt-{appointment id}</c> in Square's reference_id or note,
/// or in a Stripe metadata value (our own payments also carry metadata <c>appointment_id</c>).
/// </summary>
public static partial class AppointmentReference
{
    public const string Prefix = "bb-appt-";

    public static string Format(int appointmentId) => Prefix + appointmentId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The appointment id named in any of the texts, the first that names one.</summary>
    public static bool TryParse(out int appointmentId, params ReadOnlySpan<string?> texts)
    {
        foreach (var text in texts)
        {
            if (text is null) continue;
            var match = Pattern().Match(text);
            if (match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out appointmentId) && appointmentId > 0)
                return true;
        }
        appointmentId = 0;
        return false;
    }

    [GeneratedRegex(@"\bbb-appt-(\d{1,9})\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
