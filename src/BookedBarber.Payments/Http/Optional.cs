using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Http;

/// <summary>
/// A request field that may be absent, null or a value — for partial updates where "clear it" (null) and
/// "leave it" (absent) differ.
/// </summary>
[JsonConverter(typeof(OptionalConverterFactory))]
public readonly record struct Optional<T>(T Value)
{
    public bool IsSet { get; } = true;
}
