using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>
/// Stripe's v1 form encoding: flat pairs whose keys carry structure in brackets
/// (<c>metadata[order]=1</c>, <c>payment_method_types[0]=card</c>, <c>transfer_data[destination]=acct_1</c>).
/// </summary>
public sealed class StripeForm
{
    private readonly List<KeyValuePair<string, string>> _pairs;

    private StripeForm(List<KeyValuePair<string, string>> pairs) => _pairs = pairs;

    public static StripeForm Parse(string body) =>
        new(QueryHelpers.ParseQuery(body)
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? "")))
            .ToList());

    public static StripeForm FromQuery(IEnumerable<KeyValuePair<string, StringValues>> query) =>
        new(query.SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? ""))).ToList());

    public string? this[string key] => _pairs.LastOrDefault(p => p.Key == key).Value;

    public bool Has(string key) => _pairs.Any(p => p.Key == key || p.Key.StartsWith(key + "[", StringComparison.Ordinal));

    public long? Long(string key) => long.TryParse(this[key], out var value) ? value : null;

    public bool Bool(string key) => string.Equals(this[key], "true", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>prefix[name]=value</c> pairs, e.g. metadata.</summary>
    public Dictionary<string, string> Hash(string prefix)
    {
        var hash = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in _pairs)
        {
            if (key.StartsWith(prefix + "[", StringComparison.Ordinal) && key.EndsWith(']'))
            {
                hash[key[(prefix.Length + 1)..^1]] = value;
            }
        }

        return hash;
    }

    /// <summary><c>prefix[]=a</c> or <c>prefix[0]=a</c>, in order.</summary>
    public List<string> List(string prefix) =>
        _pairs.Where(p => p.Key.StartsWith(prefix + "[", StringComparison.Ordinal) && p.Key.EndsWith(']')
                && p.Key[(prefix.Length + 1)..^1].All(char.IsAsciiDigit))
            .Select(p => p.Value).ToList();

    /// <summary>Order-independent identity of the parameters, for idempotency comparisons.</summary>
    public string Fingerprint() =>
        string.Join('&', _pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
}
