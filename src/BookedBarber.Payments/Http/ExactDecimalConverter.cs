using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Http;

/// <summary>
/// Reads a JSON number into <see cref="decimal"/> only when it fits exactly. System.Decimal holds 28-29 significant
/// digits and rounds the rest away while parsing, so 19.9999999999999999999999999999 would be charged as 20.00 and the
/// "too many decimals" check would never see the extra digits. Exponents are fine when exact (7.5e1, 2E-1).
/// </summary>
public sealed class ExactDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetDecimal(); // a string, 1e309 or NaN fails here with the field's path, as before
        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
        if (!IsExact(Encoding.ASCII.GetString(raw), value))
            throw new JsonException("The number has more significant digits than an amount can hold.");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);

    /// <summary>Whether <paramref name="text"/> (a JSON number, or a query value) means exactly <paramref name="value"/>.</summary>
    public static bool IsExact(string text, decimal value) =>
        Significand(text) is { } written && Significand(value.ToString(CultureInfo.InvariantCulture)) is { } parsed && written == parsed;

    /// <summary>
    /// A number as sign, significant digits (no leading or trailing zeros) and the power of ten of the last digit;
    /// zero is ("", 0) whatever its sign. Null when the text is not a plain number or its exponent is absurd.
    /// </summary>
    private static (bool Negative, string Digits, long Exponent)? Significand(string text)
    {
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is '-' or '+') negative = text[i++] == '-';
        var digits = new StringBuilder();
        var fractionDigits = 0;
        var inFraction = false;
        for (; i < text.Length && text[i] is not ('e' or 'E'); i++)
        {
            if (text[i] == '.' && !inFraction) inFraction = true;
            else if (char.IsAsciiDigit(text[i]))
            {
                digits.Append(text[i]);
                if (inFraction) fractionDigits++;
            }
            else return null;
        }
        long exponent = 0;
        if (i < text.Length)
        {
            var written = text[(i + 1)..];
            // Nine digits of exponent are far past anything decimal holds; more could overflow the arithmetic below.
            if (!long.TryParse(written, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent) || Math.Abs(exponent) > 999_999_999)
                return null;
        }
        var significant = digits.ToString().TrimStart('0');
        var trimmed = significant.TrimEnd('0');
        if (trimmed.Length == 0) return (false, "", 0);
        return (negative, trimmed, exponent - fractionDigits + (significant.Length - trimmed.Length));
    }
}
