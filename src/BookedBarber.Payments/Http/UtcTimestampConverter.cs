using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Http;

/// <summary>Writes every timestamp as UTC ISO-8601 with a Z, as the API reference shows ("2025-07-22T14:30:00Z").</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
